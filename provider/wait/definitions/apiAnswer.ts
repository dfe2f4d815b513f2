import { AnswerSecrets, carriesSecret, scrubAnswer, secretsIn } from "../../services/answerSecrets";
import type { ApiSnapshot } from "../../services/anyApi";
import type { ExpressionEvaluator } from "../../services/expressionSandbox";
import type { Expression, Json } from "../../services/jmespath";
import { EvaluationProblem, Select } from "../acceptor";
import { describeValue } from "../messages";

/**
 * How one ApiWaiter reads its answers: each expression evaluated at most once per answer, through
 * the runtime's evaluator (its time and size budget); the secret fields an answer holds, whose
 * text no line or message may show; and what may be recorded in the state: scrubbed of
 * signatures and credentials, and not larger than MAX_RECORDED_CHARACTERS.
 */

/** `answer` and `matchedValue` as JSON in the state: a whole DescribeInstances page of ten instances fits; a 17 MB output does not. */
export const MAX_RECORDED_CHARACTERS = 128 * 1024;

export interface AnswerReader {
    /** What an expression selects from this answer; throws EvaluationProblem past the budget. */
    select(snapshot: ApiSnapshot): Select;
    /** The answer's secret fields (names) and their text. */
    secrets(snapshot: ApiSnapshot): AnswerSecrets;
    /** A value as lines and messages show it: "(secret)" with `secret`, or when it holds a secret field's text. */
    shown(snapshot: ApiSnapshot): (value: Json) => string;
    /** A value as the state may hold it, or why it is left out. */
    recorded(value: Json | undefined, what: string): { value?: Json; omitted?: string };
}

export function answerReader(evaluator: ExpressionEvaluator, secret: boolean, credentials: () => readonly string[]): AnswerReader {
    const read = new WeakMap<ApiSnapshot, { values: Map<string, Json | EvaluationProblem>; secrets: AnswerSecrets }>();
    const readingOf = (s: ApiSnapshot) => {
        let reading = read.get(s);
        if (!reading) {
            const body = s.details.kind === "body" ? s.details.body : null;
            read.set(s, (reading = { values: new Map(), secrets: secretsIn(body) }));
        }
        return reading;
    };
    const reader: AnswerReader = {
        select: (s) => (path: Expression) => {
            const { values } = readingOf(s);
            let value = values.get(path.text);
            if (value === undefined) {
                const body = s.details.kind === "body" ? s.details.body : null;
                const [evaluated] = evaluator.evaluate(body, [path.text]);
                value = "problem" in evaluated ? new EvaluationProblem(path.text, evaluated.problem) : evaluated.value;
                values.set(path.text, value);
            }
            if (value instanceof EvaluationProblem) throw value;
            return value;
        },
        secrets: (s) => readingOf(s).secrets,
        shown: (s) => (value) => (secret || carriesSecret(value, readingOf(s).secrets.values) ? "(secret)" : describeValue(value)),
        recorded(value, what) {
            if (value === undefined) return {};
            const scrubbed = scrubAnswer(value, credentials());
            const size = JSON.stringify(scrubbed).length;
            if (size <= MAX_RECORDED_CHARACTERS) return { value: scrubbed };
            return {
                omitted: `${what} was not recorded: it is ${size} characters of JSON, more than ${MAX_RECORDED_CHARACTERS}: narrow \`output\` to the part you need (such as "Instances.Instance[0].Status")`,
            };
        },
    };
    return reader;
}
