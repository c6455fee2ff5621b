// Plain text columns for the list commands, aligned by display width (Japanese characters are two wide).
import { displayWidth, padToWidth } from "@itaku/reports";

export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => padToWidth(cell, widths[i]!))
      .join("  ")
      .trimEnd();
  return `${[line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")}\n`;
}
