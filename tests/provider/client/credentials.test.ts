// The credentials chain: static sources, then the standard chain (profile file, OIDC, ECS RAM role,
// credentials URI) through @alicloud/credentials, resolved lazily; rotation through the real client
// against the simulator. Nothing here reaches beyond 127.0.0.1: the OIDC and ECS providers get a
// test double for their transport (the library's own `doRequest` seam).
import * as assert from "assert";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { CHAIN_SOURCES, CREDENTIAL_SOURCES, CredentialChain, resolveCredentials, safeDetail } from "../../../provider/client/credentialChain";
import type { ChainSource } from "../../../provider/client/credentials";
import { ConfigSource, Credentials, CredentialsProvider, MissingCredentialsError, resolveStaticCredentials } from "../../../provider/client/credentials";
import { popCoreClient } from "../../../provider/client/call";
import { RateLimiter } from "../../../provider/client/limiter";
import { ApiError } from "../../../provider/client/errors";
import { createRuntime, redact } from "../../../provider/wait/runtime";
import { readSettings } from "../../../provider/wait/settings";
import { Simulator, startSimulator } from "../../../simulator";

const config = (values: Record<string, string> = {}): ConfigSource => ({ get: (key) => values[key] });
/** Runs `body`, recording every network connection opened meanwhile (they are still opened). */
async function connectionsDuring<T>(body: () => Promise<T>): Promise<{ value: T; connections: string[] }> {
    const connections: string[] = [];
    const connect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
        const [first, second] = args as [unknown, unknown];
        connections.push(typeof first === "object" && first !== null ? JSON.stringify(first) : `${String(second ?? "")}:${String(first)}`);
        return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof connect;
    try {
        return { value: await body(), connections };
    } finally {
        net.Socket.prototype.connect = connect;
    }
}

const ROTATED = { accessKeyId: "STS.ROTATEDKEY0002", accessKeySecret: "rotated-sts-secret-0002", securityToken: "rotated-security-token-0002" };

describe("credentials: static sources", () => {
    const pair = (n: number) => ({ id: `ID${n}`, secret: `secret-${n}` });

    it("stack config wins over ALIBABA_CLOUD_* which wins over ALICLOUD_*", () => {
        const env = {
            ALIBABA_CLOUD_ACCESS_KEY_ID: pair(2).id,
            ALIBABA_CLOUD_ACCESS_KEY_SECRET: pair(2).secret,
            ALICLOUD_ACCESS_KEY: pair(3).id,
            ALICLOUD_SECRET_KEY: pair(3).secret,
        };
        const fromConfig = resolveStaticCredentials(config({ "alicloud:accessKey": pair(1).id, "alicloud:secretKey": pair(1).secret }), env);
        assert.strictEqual(fromConfig?.account, "ID1");
        assert.match(fromConfig!.source, /stack config/);
        assert.strictEqual(resolveStaticCredentials(config(), env)?.account, "ID2");
        assert.strictEqual(resolveStaticCredentials(config(), { ALICLOUD_ACCESS_KEY: pair(3).id, ALICLOUD_SECRET_KEY: pair(3).secret })?.account, "ID3");
    });

    it("an incomplete source is passed over, and a static source never opens the chain", () => {
        const opened: string[] = [];
        const spy: ChainSource = { name: "spy", open: async () => (opened.push("spy"), { skipped: "spy" }) };
        const resolved = resolveCredentials(
            config({ "alicloud:accessKey": "ONLYID" }),
            { ALICLOUD_ACCESS_KEY: "ID3", ALICLOUD_SECRET_KEY: "secret-3" },
            { sources: [spy] },
        );
        assert.strictEqual(resolved.account, "ID3");
        assert.deepStrictEqual(opened, []);
    });
});

describe("credentials: the chain", () => {
    let home: string;
    beforeEach(() => (home = fs.mkdtempSync(path.join(os.tmpdir(), "creds-home-"))));
    afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

    /** An environment with nothing ambient: only what a test puts in it. */
    const bare = (extra: Record<string, string> = {}) => ({ HOME: home, ...extra });

    it("is resolved at the first call, not when the provider is configured", async () => {
        const opened: string[] = [];
        const spy: ChainSource = { name: "spy", open: async () => (opened.push("spy"), { provider: staticProvider(ROTATED), label: "spy" }) };
        const resolved = resolveCredentials(config(), bare(), { sources: [spy] });
        assert.deepStrictEqual(opened, [], "configure opens nothing");
        assert.match(resolved.source, /resolved at the first API call/);
        await Promise.all([resolved.provider.getCredentials(), resolved.provider.getCredentials()]);
        assert.deepStrictEqual(opened, ["spy"], "concurrent first calls share one selection");
        assert.strictEqual(resolved.source, "spy");
    });

    it("with no source: a permanent MissingCredentials error listing every source in order, why each was passed over, at once", async () => {
        const chain = new CredentialChain(config(), bare());
        const started = performance.now();
        const { value: error, connections } = await connectionsDuring(() =>
            chain.getCredentials().then(
                () => undefined,
                (e: unknown) => e,
            ),
        );
        const elapsed = performance.now() - started;
        console.log(`      no-credentials path: ${elapsed.toFixed(1)} ms`);
        assert.ok(error instanceof MissingCredentialsError, String(error));
        assert.ok(error instanceof ApiError && error.kind === "permanent" && error.code === "MissingCredentials");
        assert.strictEqual(CREDENTIAL_SOURCES.length, 7);
        const lines = error.message.split("\n").filter((l) => /^\s+\d+\. /.test(l));
        assert.strictEqual(lines.length, 7, error.message);
        const expected = [
            /alicloud:accessKey/,
            /ALIBABA_CLOUD_ACCESS_KEY_ID/,
            /ALICLOUD_ACCESS_KEY/,
            /alicloud:profile.*no file .*\.aliyun\/config\.json/,
            /ALIBABA_CLOUD_OIDC_TOKEN_FILE.*not set/,
            /alicloud:ecsRoleName.*no role name set/,
            /ALIBABA_CLOUD_CREDENTIALS_URI.*not set/,
        ];
        expected.forEach((pattern, i) => assert.match(lines[i], pattern));
        // "at once": nothing asked the network (the ECS metadata service, a credentials URI) and waited for an answer
        assert.deepStrictEqual(connections, [], "nothing may wait on the network");
    });

    it("a half-set static source is named as such in that error, without its value", async () => {
        const error = await new CredentialChain(config({ "alicloud:accessKey": "HALFSETKEYID" }), bare({ ALICLOUD_SECRET_KEY: "half-set-secret" }))
            .getCredentials()
            .then(
                () => undefined,
                (e: Error) => e,
            );
        assert.match(String(error?.message), /1\. stack config alicloud:accessKey .* \(incomplete: the secret is missing\)/);
        assert.match(String(error?.message), /3\. environment ALICLOUD_ACCESS_KEY .* \(incomplete: the key id is missing\)/);
        assert.doesNotMatch(String(error?.message), /HALFSETKEYID|half-set-secret/);
    });

    it("a profile in ~/.aliyun/config.json: stack config alicloud:profile, then ALIBABA_CLOUD_PROFILE, ALICLOUD_PROFILE, then the file's current", async () => {
        writeProfiles(path.join(home, ".aliyun", "config.json"), "b", { a: key("A"), b: key("B"), c: key("C"), d: key("D") });
        const idOf = async (values: Record<string, string>, env: Record<string, string>) =>
            (await new CredentialChain(config(values), bare(env)).getCredentials()).accessKeyId;
        assert.strictEqual(await idOf({ "alicloud:profile": "a" }, { ALIBABA_CLOUD_PROFILE: "c" }), "A");
        assert.strictEqual(await idOf({}, { ALIBABA_CLOUD_PROFILE: "c", ALICLOUD_PROFILE: "d" }), "C");
        assert.strictEqual(await idOf({}, { ALICLOUD_PROFILE: "d" }), "D");
        assert.strictEqual(await idOf({}, {}), "B");
    });

    it("a profile file named by alicloud:sharedCredentialsFile or ALICLOUD_SHARED_CREDENTIALS_FILE; mode StsToken carries the token", async () => {
        const file = path.join(home, "elsewhere.json");
        writeProfiles(file, "default", {
            default: { mode: "StsToken", access_key_id: ROTATED.accessKeyId, access_key_secret: ROTATED.accessKeySecret, sts_token: ROTATED.securityToken },
        });
        const chain = new CredentialChain(config({ "alicloud:sharedCredentialsFile": file }), bare());
        assert.deepStrictEqual(await chain.getCredentials(), ROTATED);
        assert.match(chain.chosenLabel!, /profile "default" \(mode StsToken\) in .*elsewhere\.json/);
        assert.deepStrictEqual(await new CredentialChain(config(), bare({ ALICLOUD_SHARED_CREDENTIALS_FILE: file })).getCredentials(), ROTATED);
    });

    it("a named profile that is not there, or a named file that is missing, is an error, not a reason to try the next source", async () => {
        writeProfiles(path.join(home, ".aliyun", "config.json"), "a", { a: key("A") });
        await assert.rejects(
            new CredentialChain(config({ "alicloud:profile": "nope" }), bare()).getCredentials(),
            /no profile "nope" in .*config\.json \(profiles: "a"\)/,
        );
        await assert.rejects(
            new CredentialChain(config({ "alicloud:sharedCredentialsFile": path.join(home, "missing.json") }), bare()).getCredentials(),
            /missing\.json does not exist/,
        );
        const off = new CredentialChain(config(), bare({ ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true" }));
        await assert.rejects(off.getCredentials(), /switched off by ALIBABA_CLOUD_CLI_PROFILE_DISABLED/);
    });

    it("a broken profile file never quotes its content", async () => {
        const file = path.join(home, ".aliyun", "config.json");
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, `{"profiles": [{"name": "default", "access_key_secret": "leaky-secret-9999"`);
        const error = await new CredentialChain(config(), bare()).getCredentials().then(
            () => undefined,
            (e: Error) => e,
        );
        assert.match(String(error?.message), /config\.json is not valid JSON/);
        assert.doesNotMatch(String(error?.message), /leaky-secret-9999/);
    });

    it("OIDC is selected by its three variables; a half configuration is named", async () => {
        await assert.rejects(
            new CredentialChain(config(), bare({ ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/r" })).getCredentials(),
            /OIDC is half configured: ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE not set/,
        );
    });

    it("OIDC: the token file is read again at each refresh and rotated credentials come back (STS answered by a test double)", async () => {
        const tokenFile = path.join(home, "oidc-token");
        fs.writeFileSync(tokenFile, "token-one");
        const env = bare({
            ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/deployer",
            ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::1:oidc-provider/ack",
            ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
        });
        const chain = new CredentialChain(config(), env);
        // the library's OIDC builder reads its variables from the process environment
        const opened = await withProcessEnv(env, () => chain.source());
        assert.match(opened.label, /OIDC role acs:ram::1:role\/deployer/);
        const tokensSent: string[] = [];
        stubTransport(opened.library, (request) => {
            assert.strictEqual(request.queries.Action, "AssumeRoleWithOIDC");
            tokensSent.push(request.bodyForm.OIDCToken);
            const n = tokensSent.length;
            // expiring within the library's 15-minute window: it refreshes at the next call
            return {
                Credentials: { AccessKeyId: `STS.OIDC${n}`, AccessKeySecret: `oidc-secret-${n}`, SecurityToken: `oidc-token-${n}`, Expiration: inMinutes(5) },
            };
        });
        assert.strictEqual((await chain.getCredentials()).accessKeyId, "STS.OIDC1");
        fs.writeFileSync(tokenFile, "token-two");
        assert.strictEqual((await chain.getCredentials()).accessKeyId, "STS.OIDC2");
        assert.deepStrictEqual(tokensSent, ["token-one", "token-two"]);
    });

    it("ECS RAM role: never without a role name (no probe of the metadata service); with one, switched off by ALIBABA_CLOUD_ECS_METADATA_DISABLED", async () => {
        await assert.rejects(new CredentialChain(config(), bare()).getCredentials(), /ecsRoleName.*\(no role name set\)/);
        await assert.rejects(
            new CredentialChain(config(), bare({ ALIBABA_CLOUD_ECS_METADATA: "role", ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" })).getCredentials(),
            /switched off by ALIBABA_CLOUD_ECS_METADATA_DISABLED/,
        );
        for (const [values, env] of [
            [{ "alicloud:ecsRoleName": "deployer" }, {}],
            [{}, { ALIBABA_CLOUD_ECS_METADATA: "deployer" }],
            [{}, { ALICLOUD_ECS_ROLE_NAME: "deployer" }],
        ] as const) {
            const chain = new CredentialChain(config(values), bare(env));
            const opened = await chain.source();
            assert.strictEqual(opened.label, 'ECS RAM role "deployer" (metadata service)');
            const paths: string[] = [];
            stubTransport(opened.library, (request) => {
                paths.push(`${request.method} ${request.path}`);
                if (request.path === "/latest/api/token") return "metadata-token";
                return { Code: "Success", AccessKeyId: "STS.ECS1", AccessKeySecret: "ecs-secret-1", SecurityToken: "ecs-token-1", Expiration: inMinutes(60) };
            });
            assert.strictEqual((await chain.getCredentials()).securityToken, "ecs-token-1");
            assert.ok(paths.includes("GET /latest/meta-data/ram/security-credentials/deployer"), paths.join(", "));
        }
    });

    it("library error messages lose response bodies and URL queries", () => {
        assert.strictEqual(
            safeDetail(new Error('get sts token failed, httpStatus: 500, message = {"AccessKeySecret":"x"}.')),
            "get sts token failed, httpStatus: 500",
        );
        assert.strictEqual(
            safeDetail(new Error('error retrieving credentials from credentialsURI result: {"AccessKeySecret":"x"}.')),
            "error retrieving credentials from credentialsURI",
        );
        assert.strictEqual(
            safeDetail(new Error('get sts token failed with OIDC: {"Code":"AuthenticationFail.OIDCToken.Expired","RequestId":"R-1"}')),
            "get sts token failed with OIDC (code AuthenticationFail.OIDCToken.Expired, RequestId R-1)",
        );
        assert.strictEqual(
            safeDetail(new Error("ReadTimeout(10000). GET http://127.0.0.1:9/creds?token=abc failed.")),
            "ReadTimeout(10000). GET http://127.0.0.1:9/creds failed.",
        );
    });

    it("the source list covers the chain in its order", () => {
        assert.deepStrictEqual(
            CREDENTIAL_SOURCES.slice(3),
            CHAIN_SOURCES.map((s) => s.name),
        );
    });
});

describe("credentials: rotation through the real client, against the simulator", function () {
    this.timeout(20_000);
    let sim: Simulator;
    let home: string;
    let seen: { accessKeyId: string; securityToken?: string }[];

    before(async () => {
        sim = await startSimulator();
        sim.addCredentials(ROTATED);
        // records the key and token each request was signed with
        sim.addLayer(async (call, next) => {
            seen.push({ accessKeyId: String(call.params.AccessKeyId), securityToken: call.params.SecurityToken as string | undefined });
            return next();
        });
    });
    after(async () => sim?.close());
    beforeEach(() => {
        seen = [];
        home = fs.mkdtempSync(path.join(os.tmpdir(), "creds-rotation-"));
    });
    afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

    const describeTasks = (credentials: CredentialsProvider) =>
        popCoreClient(new RateLimiter()).rpc(
            { api: "ECS DescribeTasks", product: "ecs", account: "chain", endpoint: sim.url, apiVersion: "2014-05-26", credentials },
            "DescribeTasks",
            {
                RegionId: "cn-hangzhou",
            },
        );

    it("an StsToken profile rewritten between two requests: the second request is signed with the new key and token", async () => {
        const file = path.join(home, ".aliyun", "config.json");
        const sts = sim.credentials.sts;
        const write = (c: Credentials) =>
            writeProfiles(file, "default", {
                default: { mode: "StsToken", access_key_id: c.accessKeyId, access_key_secret: c.accessKeySecret, sts_token: c.securityToken! },
            });
        write(sts);
        const chain = new CredentialChain(config(), { HOME: home });
        await describeTasks(chain);
        write(ROTATED);
        await describeTasks(chain);
        await describeTasks(chain);
        assert.deepStrictEqual(seen, [
            { accessKeyId: sts.accessKeyId, securityToken: sts.securityToken },
            { accessKeyId: ROTATED.accessKeyId, securityToken: ROTATED.securityToken },
            { accessKeyId: ROTATED.accessKeyId, securityToken: ROTATED.securityToken },
        ]);
    });

    it("a credentials URI (served on 127.0.0.1): refreshed while expiring within 15 minutes, kept while not", async () => {
        let served: Credentials = sim.credentials.sts;
        let expiresInMinutes = 5;
        let hits = 0;
        const server = http.createServer((_req, res) => {
            hits++;
            res.setHeader("content-type", "application/json");
            res.end(
                JSON.stringify({
                    Code: "Success",
                    AccessKeyId: served.accessKeyId,
                    AccessKeySecret: served.accessKeySecret,
                    SecurityToken: served.securityToken,
                    Expiration: inMinutes(expiresInMinutes),
                }),
            );
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        try {
            const uri = `http://127.0.0.1:${(server.address() as { port: number }).port}/credentials?auth=uri-query-secret`;
            const resolved = resolveCredentials(config({ "alicloud:credentialsUri": uri }), { HOME: home });
            await describeTasks(resolved.provider);
            served = ROTATED;
            await describeTasks(resolved.provider);
            assert.deepStrictEqual(
                seen.map((s) => s.accessKeyId),
                [sim.credentials.sts.accessKeyId, ROTATED.accessKeyId],
            );
            assert.strictEqual(resolved.source, `credentials URI http://127.0.0.1:${(server.address() as { port: number }).port}/credentials`);

            // a session valid for an hour is kept: one fetch, however many requests
            const longLived = resolveCredentials(config(), { HOME: home, ALIBABA_CLOUD_CREDENTIALS_URI: uri });
            expiresInMinutes = 60;
            hits = 0;
            for (let i = 0; i < 3; i++) await describeTasks(longLived.provider);
            assert.strictEqual(hits, 1);
        } finally {
            server.close();
        }
    });

    it("a credentials URI that fails: a permanent error without the body or the query", async () => {
        const server = http.createServer((_req, res) => {
            res.statusCode = 500;
            res.end(JSON.stringify({ AccessKeySecret: "body-secret-7777" }));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        try {
            const uri = `http://127.0.0.1:${(server.address() as { port: number }).port}/c?auth=uri-query-secret`;
            const error = await describeTasks(resolveCredentials(config(), { HOME: home, ALICLOUD_CREDENTIALS_URI: uri }).provider).then(
                () => undefined,
                (e: ApiError) => e,
            );
            assert.ok(error instanceof ApiError && error.kind === "permanent", String(error));
            assert.match(
                error.message,
                /credentials from credentials URI http:\/\/127\.0\.0\.1:\d+\/c could not be obtained: get sts token failed, httpStatus: 500/,
            );
            assert.doesNotMatch(error.message, /body-secret-7777|uri-query-secret/);
            assert.strictEqual(seen.length, 0, "no request left without credentials");
        } finally {
            server.close();
        }
    });

    it("the runtime scrubs secrets that the chain handed out from every message", async () => {
        const file = path.join(home, "profiles.json");
        writeProfiles(file, "default", {
            default: { mode: "StsToken", access_key_id: ROTATED.accessKeyId, access_key_secret: ROTATED.accessKeySecret, sts_token: ROTATED.securityToken },
        });
        const runtime = createRuntime({ settings: readSettings(config({ "alicloud:sharedCredentialsFile": file }), { HOME: home }) });
        const settings = runtime.settings;
        assert.match(String(settings.credentials?.account), /^credentials-chain:/);
        assert.strictEqual(redact(runtime, `x ${ROTATED.securityToken} y`), `x ${ROTATED.securityToken} y`, "unknown before the first call");
        await describeTasks(settings.credentials!.provider);
        assert.strictEqual(redact(runtime, `x ${ROTATED.securityToken} ${ROTATED.accessKeySecret} y`), "x *** *** y");
    });
});

function key(id: string) {
    return { mode: "AK", access_key_id: id, access_key_secret: `secret-of-${id}` };
}

function writeProfiles(file: string, current: string, profiles: Record<string, Record<string, string>>): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const body = { current, profiles: Object.entries(profiles).map(([name, p]) => ({ name, region_id: "cn-hangzhou", ...p })) };
    fs.writeFileSync(file, JSON.stringify(body, null, 2));
}

function staticProvider(credentials: Credentials): CredentialsProvider {
    return { getCredentials: async () => credentials };
}

/** The library's time format: 2024-08-30T07:03:06Z. */
function inMinutes(minutes: number): string {
    return new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

interface StubRequest {
    method: string;
    path: string;
    queries: Record<string, string>;
    bodyForm: Record<string, string>;
}

/** Replaces a library provider's HTTP transport (its documented mock seam) with an answering function. */
function stubTransport(library: unknown, answer: (request: StubRequest) => object | string): void {
    assert.ok(library && typeof (library as { doRequest?: unknown }).doRequest === "function", "the library provider has a doRequest seam");
    (library as { doRequest: (r: StubRequest) => Promise<object> }).doRequest = async (request) => {
        const body = answer({ ...request, queries: request.queries ?? {}, bodyForm: request.bodyForm ?? {} });
        return { statusCode: 200, headers: {}, body: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)) };
    };
}

/** Runs `run` with these variables set in process.env, as the provider process would have them, and restores it. */
async function withProcessEnv<T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    Object.assign(process.env, vars);
    try {
        return await run();
    } finally {
        for (const [k, v] of Object.entries(saved)) {
            if (v === undefined) delete process.env[k];
            else process.env[k] = v;
        }
    }
}
