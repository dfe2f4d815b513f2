import * as assert from "assert";
import type { WaitResult } from "../../../provider/engine/result";
import type { TaskSnapshot } from "../../../provider/services/snapshot";
import { explainAnswer, timeoutMessage } from "../../../provider/wait/messages";
import type { StatusRules } from "../../../provider/wait/status";

const rules: StatusRules = { table: { Processing: "running" } } as unknown as StatusRules;
const subject = { label: "wait ecs", what: "ECS task", rules };
const result = (over: Partial<WaitResult<TaskSnapshot>>): WaitResult<TaskSnapshot> => ({
    state: "timeout",
    taskId: "t-abcdef12",
    polls: 3,
    errors: [],
    startedAt: 0,
    elapsedMs: 2000,
    ...over,
});

describe("wait messages", () => {
    describe("a timeout before the task was ever seen", () => {
        it("says the API answered without it (not found yet), not that no status was read", () => {
            const text = timeoutMessage(subject, result({}), "2s", "Run it again.");
            assert.match(text, /for ECS task t-abcdef12: not found yet \(3 polls\): a new task takes a moment to appear; else check the id, the region/);
            assert.doesNotMatch(text, /status not read yet/);
        });

        it("says no status was read when the last poll failed (and names the error)", () => {
            const failure = { kind: "transient" as const, code: "ServiceUnavailable", message: "try later" };
            const text = timeoutMessage(subject, result({ failure, errors: [{ ...failure, at: 1 }] }), "2s", "Run it again.");
            assert.match(text, /status not read yet; last error ServiceUnavailable: try later/);
        });
    });

    describe("an API error no acceptor expects", () => {
        const s = { acceptors: [], shown: (v: unknown) => JSON.stringify(v), select: () => null } as unknown as Parameters<typeof explainAnswer>[0];
        const judgement = { state: "retry" } as Parameters<typeof explainAnswer>[1];
        const error = (code: string) => ({ kind: "error", code, message: "m" }) as unknown as Parameters<typeof explainAnswer>[2];

        it("suggests a retry acceptor as JSON, which the --acceptors file and a program both take", () => {
            const text = explainAnswer(s, judgement, error("InvalidInstanceId.NotFound"), "R-1");
            assert.match(text, /add \{"state": "retry", "errorCode": "InvalidInstanceId\.NotFound"\} to the acceptors/);
            const hint = /(\{"state".*\})/.exec(text)![1];
            assert.deepStrictEqual(JSON.parse(hint), { state: "retry", errorCode: "InvalidInstanceId.NotFound" });
        });

        it("does not suggest retrying an error about the call itself (no such action, a bad parameter)", () => {
            for (const code of ["InvalidAction.NotFound", "InvalidVersion", "MissingParameter.InstanceIds", "InvalidParameter"]) {
                const text = explainAnswer(s, judgement, error(code), undefined);
                assert.doesNotMatch(text, /retry/, code);
                assert.match(text, /the call itself is wrong: check the action or path, the version, the product and the parameters/, code);
            }
        });
    });
});
