// itaku controls: every control of both documents, with the rules that check it.
import { controls } from "@itaku/controls";
import { type CommandEnv, type ParsedArgs, UsageError } from "../cli";
import { allChecks } from "../registry";
import { textTable } from "../text-table";

export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const format = (args.values.format as string | undefined) ?? "table";
  const rows = controls.map((control) => ({
    ...control,
    rules: allChecks.filter((rule) => rule.controls.includes(control.id)).map((rule) => rule.id),
  }));
  if (format === "json") env.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (format === "table") {
    env.stdout.write(
      textTable(
        ["CONTROL", "KIND", "CLAUSE", "TITLE", "RULES"],
        rows.map((c) => [c.id, c.kind, c.clause, c.title.en, String(c.rules.length)]),
      ),
    );
  } else throw new UsageError(`--format "${format}" is not one of table, json`);
  return 0;
}
