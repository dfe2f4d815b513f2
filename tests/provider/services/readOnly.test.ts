// Which calls ApiWaiter counts as reads, and which names only the signer may set.
import * as assert from "assert";
import { isReadAction, isReadMethod, isSignerName } from "../../../provider/services/readOnly";

describe("services/readOnly: reads, by the first word of the action or the HTTP method", () => {
    it("Describe, List, Get, Query, Check, Search, Count, Lookup and their Batch forms read; the rest do not", () => {
        const reads = ["DescribeInstances", "ListTagResources", "GetSecretValue", "QueryAccountBalance", "CheckDomainAvailable", "SearchResources"];
        const more = ["CountDevices", "LookupEvents", "BatchGetDeviceState", "BatchDescribeCdnIpInfo", "DescribeCreatePrePaidInstanceResult"];
        for (const action of [...reads, ...more]) assert.ok(isReadAction(action), action);
        const writes = ["DeleteInstance", "StopInstance", "RunCommand", "CreateAccessKey", "ModifyInstanceAttribute", "VerifyCaptcha", "BatchAddFaces"];
        const lookalikes = ["Getaway", "Listen", "Describer", "Checkout", "Querying"];
        for (const action of [...writes, ...lookalikes]) assert.ok(!isReadAction(action), action);
        assert.deepStrictEqual(["GET", "head", "POST", "PUT", "DELETE", "PATCH"].map(isReadMethod), [true, true, false, false, false, false]);
    });

    it("the signer's parameter and header names, in any case", () => {
        for (const name of ["Action", "Version", "Format", "Timestamp", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Signature"])
            assert.ok(isSignerName(name), name);
        for (const name of ["AccessKeyId", "SecurityToken", "action", "x-acs-action", "X-Acs-Security-Token", "authorization"])
            assert.ok(isSignerName(name), name);
        for (const name of ["InstanceIds", "RegionId", "ActionType", "Versions"]) assert.ok(!isSignerName(name), name);
    });
});
