/** Durations as users write them in Pulumi programs and on the command line: "45m", "1h30m", "2s", "500ms". */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION_PATTERN = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART_PATTERN = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/** Parses a duration into milliseconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
    const compact = text.trim();
    if (!DURATION_PATTERN.test(compact)) return undefined;
    let total = 0;
    for (const match of compact.matchAll(PART_PATTERN)) {
        total += Number(match[1]) * UNIT_MS[match[2]];
    }
    return Math.round(total);
}

/** Formats milliseconds compactly for messages and progress lines: 950ms, 42s, 3m05s, 1h02m. */
export function formatDuration(ms: number): string {
    if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
    const totalSeconds = Math.round(ms / 1000);
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    if (hours > 0) return `${hours}h${String(minutes).padStart(2, "0")}m`;
    if (minutes > 0) return `${minutes}m${String(seconds).padStart(2, "0")}s`;
    return `${seconds}s`;
}
