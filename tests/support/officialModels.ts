// Answers built from Alibaba's official SDK models, for the reverse of the simulator's official-client
// tests (tests/provider/services/*.officialModels.test.ts): with every field the model has, and with
// every optional field left out (every field is optional in the models), an answer goes through this
// project's parsers without a false failure; only what a wait cannot do without is required, and its
// absence is a clear error naming the API and field.
import * as assert from "assert";
import { ResponseShapeError } from "../../provider/client/errors";
import type { FieldSpec, ModelSpec } from "../simulator/officialModels";

export {
    BDRC_DESCRIBE_TASK,
    ECD_CREATE_REPORT_TASK,
    ECD_DESCRIBE_REPORT_TASKS,
    SAS_DESCRIBE_EXPORT_INFO,
    SAS_EXPORT_RECORD,
    modelSpecOf,
} from "../simulator/officialModels";

/** A value of the field's JSON type for every field of the model (a list of one), with some fields given. */
export function full(spec: ModelSpec, given: Record<string, unknown> = {}): Record<string, unknown> {
    const value = (type: FieldSpec, name: string): unknown => {
        if (name in given) return given[name];
        if (type === "string") return `${name}-value`;
        if (type === "number") return 1;
        if (type === "boolean") return true;
        if (Array.isArray(type)) return [value(type[0], name)];
        return full(type as ModelSpec, given);
    };
    return Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, value(type, name)]));
}

/** `run` throws the parsers' error for a missing field, naming it. */
export function shapeError(run: () => unknown, field: string): void {
    assert.throws(run, (e: unknown) => e instanceof ResponseShapeError && e.field === field && /missing/.test(e.message), `a shape error on ${field}`);
}
