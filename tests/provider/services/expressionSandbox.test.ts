// JMESPath in the worker: values as the library selects them, and the budget: an expression that would
// run for 2^60 steps or select megabytes gets a problem instead of a value, and the next evaluation works.
import * as assert from "assert";
import { sandboxedEvaluator } from "../../../provider/services/expressionSandbox";

/** The largest value an expression may select, pinned: changing it is a decision. */
const MAX_VALUE_BYTES = 1024 * 1024;

describe("services/expressionSandbox: JMESPath within a budget", () => {
    const evaluator = sandboxedEvaluator();
    after(() => evaluator.close());
    const answer = {
        Instances: {
            Instance: [
                { Status: "Running", Cpu: 2 },
                { Status: "Stopped", Cpu: 4 },
            ],
        },
    };

    it("selects what the library selects; a function given the wrong type selects null; backtick literals work", () => {
        assert.deepStrictEqual(evaluator.evaluate(answer, ["Instances.Instance[0].Status", "Instances.Instance[].Cpu", "length(Nope)", "`[1]`"]), [
            { value: "Running" },
            { value: [2, 4] },
            { value: null },
            { value: [1] },
        ]);
    });

    it("ends an evaluation past the time budget with a problem, and evaluates again afterwards", () => {
        const bomb = `${Array(60).fill("[@,@]").join("|")}|length(${"[]".repeat(40)})`;
        const [result] = evaluator.evaluate({ a: 1 }, [bomb]);
        assert.ok("problem" in result, JSON.stringify(result));
        assert.match(result.problem, /evaluation took longer than its budget of 250 ms/);
        assert.deepStrictEqual(evaluator.evaluate(answer, ["Instances.Instance[1].Status"]), [{ value: "Stopped" }]);
    });

    it("refuses a selected value larger than the limit without copying it back", () => {
        const [result] = evaluator.evaluate({ Blob: "x".repeat(MAX_VALUE_BYTES + 10) }, ["Blob"]);
        assert.ok(
            "problem" in result && /selects \d+ characters of JSON, more than 1048576: select less/.test(result.problem),
            JSON.stringify(result).slice(0, 200),
        );
    });
});
