// The monthly report as Markdown (to paste into a ticket or mail, or to diff month by month). Every
// cell is escaped as the scan report's Markdown is: no markup, links, mentions or references from data.
import { escapeMarkdownInline } from "../markdown";
import type { Block, MonthlyDocument } from "./document";

/** Cells here are whole sentences and reasons; cut nothing a reader may need. */
const CELL_MAX = 2_000;

const cell = (text: string, code = false, id?: string): string =>
  id !== undefined
    ? `${cell(text, code)} ${cell(id, true)}`
    : text === ""
      ? " "
      : code
        ? `<code>${escapeMarkdownInline(text, CELL_MAX)}</code>`
        : escapeMarkdownInline(text, CELL_MAX);

function block(b: Block): string {
  switch (b.kind) {
    case "heading":
      return `${"#".repeat(b.level)} ${escapeMarkdownInline(b.text, CELL_MAX)}`;
    case "paragraph":
      return b.role === "warning"
        ? `> ${escapeMarkdownInline(b.text, CELL_MAX)}`
        : escapeMarkdownInline(b.text, CELL_MAX);
    case "table": {
      const width = Math.max(b.head.length, ...b.rows.map((r) => r.length));
      const head = b.head.length > 0 ? b.head : Array.from({ length: width }, () => "");
      const lines = [
        `| ${head.map((h) => cell(h)).join(" | ")} |`,
        `| ${head.map(() => "---").join(" | ")} |`,
        ...b.rows.map((row) => `| ${row.map((c) => cell(c.text, c.code, c.id)).join(" | ")} |`),
      ];
      return lines.join("\n");
    }
  }
}

export function renderMonthlyMarkdown(doc: MonthlyDocument): string {
  return `${doc.blocks.map(block).join("\n\n")}\n`;
}
