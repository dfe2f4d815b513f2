/** Durations as users write them in Pulumi programs and on the command line: "45m", "1h30m", "2s", "500ms". */

const NUMBER = "(\\d+(?:\\.\\d+)?)";
/** Each unit at most once, largest first; "m" is not the start of "ms". */
const DURATION_PATTERN = new RegExp(`^(?:${NUMBER}h)?(?:${NUMBER}m(?!s))?(?:${NUMBER}s)?(?:${NUMBER}ms)?$`);
const UNIT_MS = [3_600_000, 60_000, 1000, 1];

/** Parses a duration into milliseconds; undefined when the text is not a duration. Only the last part may have a fraction. */
export function parseDuration(text: string): number | undefined {
    const match = DURATION_PATTERN.exec(text.trim());
    if (!match) return undefined;
    const parts = match
        .slice(1)
        .map((value, i) => ({ value, unit: UNIT_MS[i] }))
        .filter((p) => p.value !== undefined);
    if (parts.length === 0 || parts.slice(0, -1).some((p) => p.value.includes("."))) return undefined;
    return Math.round(parts.reduce((total, p) => total + Number(p.value) * p.unit, 0));
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
