// The acceptor model: how ApiWaiter's acceptors (and a task's status) judge an answer.
import * as assert from "assert";
import { toApiError } from "../../../provider/client/errors";
import type { AcceptorInput } from "../../../provider/inputs/apiWaiter";
import { sandboxedEvaluator } from "../../../provider/services/expressionSandbox";
import { compileAcceptors, judge } from "../../../provider/wait/acceptor";

const body = (value: unknown) => ({ kind: "body" as const, body: value as never });
const error = (code: string) => ({ kind: "error" as const, code, message: code });
/** The deciding state; with no acceptor matching, "retry (no acceptor)" on a body, "failure (no acceptor)" on an error nobody expects. */
const evaluator = sandboxedEvaluator();
const state = (acceptors: AcceptorInput[], answer: Parameters<typeof judge>[0], caseSensitive = false) => {
    const select = (path: { text: string }) => {
        const [evaluated] = evaluator.evaluate(answer.kind === "body" ? answer.body : null, [path.text]);
        return "value" in evaluated ? evaluated.value : assert.fail(evaluated.problem);
    };
    const judgement = judge(answer, compileAcceptors({ acceptors }), caseSensitive, select);
    return judgement.acceptor ? judgement.state : `${judgement.state} (no acceptor)`;
};

describe("wait/acceptor: how an answer is judged", () => {
    const S = "Instances.Instance[0].Status";
    it("the first matching acceptor decides; statuses compare case-insensitively unless asked, numbers and booleans loosely", () => {
        const acceptors: AcceptorInput[] = [
            { state: "failure", expr: S, equals: ["Stopped", "Deleted"] },
            { state: "success", expr: S, equals: "Running" },
        ];
        assert.strictEqual(state(acceptors, body({ Instances: { Instance: [{ Status: "running" }] } })), "success");
        assert.strictEqual(state(acceptors, body({ Instances: { Instance: [{ Status: "running" }] } }), true), "retry (no acceptor)");
        assert.strictEqual(state(acceptors, body({ Instances: { Instance: [{ Status: "DELETED" }] } })), "failure");
        assert.strictEqual(state(acceptors, body({})), "retry (no acceptor)", "a missing field selects null");
        assert.strictEqual(state([{ state: "success", expr: "Progress", equals: 100 }], body({ Progress: "100" })), "success");
        assert.strictEqual(state([{ state: "success", expr: "Done", equals: true }], body({ Done: "true" })), "success");
    });

    it("anyEquals and allEquals look into arrays (an empty one is never all-equal); exists sees null and [] as nothing", () => {
        const list = (...statuses: string[]) => body({ Items: statuses.map((Status) => ({ Status })) });
        const any: AcceptorInput[] = [{ state: "failure", expr: "Items[].Status", anyEquals: "Failed" }];
        const all: AcceptorInput[] = [{ state: "success", expr: "Items[].Status", allEquals: "Finished" }];
        assert.strictEqual(state(any, list("Finished", "failed")), "failure");
        assert.strictEqual(state(all, list("Finished", "FINISHED")), "success");
        assert.strictEqual(state(all, list("Finished", "Running")), "retry (no acceptor)");
        assert.strictEqual(state(all, list()), "retry (no acceptor)");
        const gone: AcceptorInput[] = [{ state: "success", expr: "Items[?Status=='Running']", exists: false }];
        assert.strictEqual(state(gone, list("Stopped")), "success");
        assert.strictEqual(state(gone, list("Running")), "retry (no acceptor)");
    });

    it("error codes match error answers only, with * wildcards; an error no acceptor expects is an error", () => {
        const acceptors: AcceptorInput[] = [
            { state: "retry", errorCode: "*.NotFound" },
            { state: "success", expr: "Status", equals: "Running" },
        ];
        assert.strictEqual(state(acceptors, error("InvalidInstanceId.NotFound")), "retry");
        assert.strictEqual(state(acceptors, error("Forbidden.RAM")), "failure (no acceptor)");
        assert.strictEqual(state(acceptors, body({ Status: "Running" })), "success");
    });

    it("reads the error code of ROA products that spell the body in lower case (Container Service), so errorCode acceptors see it", () => {
        const error = toApiError("CS GET /clusters/c-1", {
            statusCode: 404,
            result: { code: "ErrorClusterNotFound", message: "cluster not found", requestId: "R-1" },
        });
        assert.deepStrictEqual([error.kind, error.code, error.detail, error.requestId], ["permanent", "ErrorClusterNotFound", "cluster not found", "R-1"]);
    });
});
