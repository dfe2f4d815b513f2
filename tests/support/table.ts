/** A compact fixed-width table for console.log: the figures a test prints. */
export function table(title: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
    const cells = [header, ...rows].map((r) => r.map(String));
    const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
    const line = (r: string[]) => "  " + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    return [`  ${title}`, line(cells[0]), "  " + widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}
