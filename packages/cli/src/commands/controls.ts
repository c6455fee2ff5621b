// itaku controls: every control of both documents with the rules that check it, or one in full;
// `--coverage` counts how many clauses a rule backs (the technical ones and all of them).
import { type Control, controls, documentById } from "@itaku/controls";
import { closest } from "@itaku/core";
import { type CommandEnv, type ParsedArgs, UsageError } from "../command";
import { type CoverageTally, controlCoverage } from "../control-coverage";
import { allChecks } from "../registry";
import { textTable } from "../text-table";

const rulesOf = (control: Control) => allChecks.filter((rule) => rule.controls.includes(control.id));

export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const format = (args.values.format as string | undefined) ?? "table";
  if (args.values.coverage) {
    const coverage = controlCoverage(allChecks);
    if (format === "json") env.stdout.write(`${JSON.stringify(coverage, null, 2)}\n`);
    else {
      const technical = coverage.controls.filter((c) => c.technical);
      env.stdout.write(
        `${textTable(
          ["CONTROL", "KIND", "RULES", "TITLE"],
          technical.map((c) => [c.id, c.kind, String(c.rules.length), c.title]),
        )}\n${summaryLine("Technical clauses backed by a rule", coverage.technical)}\n${summaryLine("All controls backed by a rule", coverage.all)}\n`,
      );
    }
    return 0;
  }
  const [id] = args.positionals;
  if (id !== undefined) {
    const control = controls.find((c) => c.id.toLowerCase() === id.toLowerCase());
    if (!control) {
      const hint = closest(
        id.toUpperCase(),
        controls.map((c) => c.id),
      );
      throw new UsageError(
        `no control "${id}"${hint ? ` (did you mean "${hint}"?)` : ""}; \`itaku controls\` lists them`,
      );
    }
    const rules = rulesOf(control);
    if (format === "json") {
      env.stdout.write(`${JSON.stringify({ ...control, rules: rules.map((r) => r.id) }, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `${control.id} — ${control.title.en}`,
      `  ${control.title.ja}`,
      "",
      `  document  ${documentById(control.document)?.title.en ?? control.document} (${control.document})`,
      `  clause    ${control.clause}`,
      `  section   ${control.section.en} / ${control.section.ja}`,
      `  kind      ${control.kind}${control.kind === "manual" ? " (attest it in itaku.yaml `attestations:`)" : ""}`,
      ...(control.checkedBy ? [`  checked   ${control.checkedBy.en}`] : []),
      "",
      "Text:",
      `  ${control.text}`,
      "",
      "Rules:",
      ...(rules.length === 0 ? ["  none"] : rules.map((r) => `  ${r.id} (${r.severity})  ${r.title.en}`)),
      "",
    ];
    env.stdout.write(lines.join("\n"));
    return 0;
  }
  const rows = controls.map((control) => ({ ...control, rules: rulesOf(control).map((rule) => rule.id) }));
  if (format === "json") env.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else {
    env.stdout.write(
      textTable(
        ["CONTROL", "KIND", "CLAUSE", "TITLE", "RULES"],
        rows.map((c) => [c.id, c.kind, c.clause, c.title.en, String(c.rules.length)]),
      ),
    );
  }
  return 0;
}

const summaryLine = (label: string, tally: CoverageTally): string =>
  `${label}: ${tally.backed} of ${tally.total} (${tally.percent} %)`;
