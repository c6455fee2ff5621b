// What the CLI prints on stderr can quote input and scanned data (a roster cell, a YAML line, an
// LDAP server's diagnostic, an S3 key, a file name from a pull request). A terminal acts on control
// characters, so none reaches it raw: they show as visible escapes (`\u001b[2J`), one message a line.
// The escaping is the reports' own (a subpath, so the CLI starts without loading every format).
import { visibleText } from "@itaku/reports/scanned-text";

/** One line of a message: every control, bidi or line-breaking character shown as an escape. */
export function terminalLine(message: string): string {
  return visibleText(message);
}

/** Multi-line text we composed (help, usage): lines kept, each line made safe. */
export function terminalLines(text: string): string {
  return text
    .split("\n")
    .map((line) => visibleText(line))
    .join("\n");
}
