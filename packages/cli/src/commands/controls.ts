// itaku controls: every control of both documents, with the rules that check it; `--coverage` counts
// how many clauses a rule backs (the technical ones and all of them).
import { controls } from "@itaku/controls";
import { type CommandEnv, type ParsedArgs, UsageError } from "../cli";
import { type CoverageTally, controlCoverage } from "../control-coverage";
import { allChecks } from "../registry";
import { textTable } from "../text-table";

export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const format = (args.values.format as string | undefined) ?? "table";
  if (format !== "table" && format !== "json")
    throw new UsageError(`--format "${format}" is not one of table, json`);
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
  const rows = controls.map((control) => ({
    ...control,
    rules: allChecks.filter((rule) => rule.controls.includes(control.id)).map((rule) => rule.id),
  }));
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
