// itaku rules: every rule and access-log detection with its metadata (the same data the docs are generated from).
import { type CommandEnv, type ParsedArgs, UsageError } from "../cli";
import { allDetections, allRules } from "../registry";
import { ruleMetadata } from "../rule-metadata";
import { textTable } from "../text-table";

export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const format = (args.values.format as string | undefined) ?? "table";
  const metadata = [...allRules, ...allDetections].map(ruleMetadata);
  if (format === "json") env.stdout.write(`${JSON.stringify(metadata, null, 2)}\n`);
  else if (format === "table") {
    env.stdout.write(
      textTable(
        ["RULE", "SEVERITY", "CONTROLS", "TITLE"],
        metadata.map((m) => [m.id, m.severity, m.controls.join(" "), m.title.en]),
      ),
    );
  } else throw new UsageError(`--format "${format}" is not one of table, json`);
  return 0;
}
