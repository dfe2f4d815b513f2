/**
 * Every bad field of a request, in one answer. Validation reads each field on its own and records
 * what is wrong with it instead of stopping at the first: a test author who got three fields wrong
 * learns of all three at once, each with its fix.
 */

/** One bad field: where it is (a path such as "durationMs", "fault.ms", "answers[1].atMs") and what to do. */
export interface FieldProblem {
    readonly field: string;
    /** Names the field and says what it takes. */
    readonly message: string;
}

/** A request the simulator cannot use. `problems` lists every bad field; `message` says them all, in one line. */
export class InvalidSpecError extends Error {
    readonly problems: readonly FieldProblem[];

    /** A message alone is one problem of the field `field` ("" when the message is about the whole request). */
    constructor(messageOrProblems: string | readonly FieldProblem[], field = "") {
        const problems = typeof messageOrProblems === "string" ? [{ field, message: messageOrProblems }] : messageOrProblems;
        super(problems.length === 1 ? problems[0].message : `${problems.length} problems: ${problems.map((p) => p.message).join("; ")}`);
        this.problems = Object.freeze([...problems]);
    }
}

/** `inner` under `outer`: "fault" and "ms" give "fault.ms", "answers" and "[1]" give "answers[1]", "" stays out. */
function joinPath(outer: string, inner: string): string {
    if (outer === "" || inner === "") return outer || inner;
    return inner.startsWith("[") ? `${outer}${inner}` : `${outer}.${inner}`;
}

/** The problems found so far in one request. */
export class ProblemList {
    private readonly found: FieldProblem[] = [];

    /** Records a problem of a field. */
    add(field: string, message: string): void {
        this.found.push({ field, message });
    }

    /**
     * Runs the reader of one field: its value, or undefined once what it threw (an InvalidSpecError,
     * with problems of its own when the field is an object) is recorded under `field`.
     */
    read<T>(field: string, reader: () => T): T | undefined {
        try {
            return reader();
        } catch (err) {
            if (!(err instanceof InvalidSpecError)) throw err;
            for (const problem of err.problems) this.add(joinPath(field, problem.field), problem.message);
            return undefined;
        }
    }

    get empty(): boolean {
        return this.found.length === 0;
    }

    /** Throws what `make` builds from the problems found, if there are any. */
    throwIfAny(make: (problems: readonly FieldProblem[]) => Error): void {
        if (!this.empty) throw make([...this.found]);
    }
}
