// RPC parameters on the wire: flattened exactly as Alibaba's OpenApiUtil (the generated SDKs' helper) flattens
// them, compared with the library itself; bounded nesting, measured without recursion.
import * as assert from "assert";
import OpenApiUtil from "@alicloud/openapi-util";
import { flattenParams, nestingDepth, paramsProblem } from "../../../provider/services/rpcParams";

/** The deepest nesting sent, pinned: changing it is a decision. */
const MAX_PARAM_DEPTH = 8;

describe("services/rpcParams: parameters as Alibaba's SDKs send them", () => {
    const shapes: Record<string, unknown>[] = [
        { Tag: [{ Key: "env", Value: "prod" }, null, { Key: "team" }] },
        { Filter: { Name: "x", Values: ["a", "b"], Skip: null }, Dry: false, Count: 3, Gone: null, Empty: [] },
        { Nested: [[1, 2], [{ A: "a" }]], InstanceIds: '["i-1","i-2"]' },
        { "Tag.1.Key": "given flat", Plain: "text with spaces & = signs" },
    ];
    for (const shape of shapes)
        it(`flattens ${JSON.stringify(shape).slice(0, 70)} as OpenApiUtil.query does`, () => {
            assert.deepStrictEqual(flattenParams(shape), OpenApiUtil.query(shape));
        });

    it("refuses two names that flatten alike, too deep a value, and counts depth 20,000 deep without a stack overflow", () => {
        assert.match(paramsProblem({ "Tag.1.Key": "a", Tag: [{ Key: "b" }] })!, /"Tag\.1\.Key" is given twice/);
        let deep: unknown = "leaf";
        for (let i = 0; i < 20_000; i++) deep = { Sub: deep };
        assert.strictEqual(nestingDepth(deep, 100), 101, "counting stops past the limit");
        assert.match(paramsProblem({ Deep: deep })!, new RegExp(`nested deeper than ${MAX_PARAM_DEPTH} levels`));
        assert.strictEqual(paramsProblem({ Tag: [{ Key: "a", Value: "b" }] }), undefined);
    });
});
