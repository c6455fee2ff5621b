// itaku rules: every rule and access-log detection with its metadata (the same data the docs are
// generated from), or one in full.
import { controlById } from "@itaku/controls";
import { closest } from "@itaku/core";
import { type CommandEnv, type ParsedArgs, UsageError } from "../command";
import { allDetections, allRules } from "../registry";

const everyCheck = [...allRules, ...allDetections];

import { type RuleMetadata, ruleMetadata } from "../rule-metadata";
import { textTable } from "../text-table";

export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const format = (args.values.format as string | undefined) ?? "table";
  const [id] = args.positionals;
  if (id !== undefined) {
    const rule = everyCheck.find((r) => r.id === id);
    if (!rule) {
      const hint = closest(
        id,
        everyCheck.map((r) => r.id),
      );
      throw new UsageError(
        `no rule "${id}"${hint ? ` (did you mean "${hint}"?)` : ""}; \`itaku rules\` lists them`,
      );
    }
    const metadata = ruleMetadata(rule);
    env.stdout.write(format === "json" ? `${JSON.stringify(metadata, null, 2)}\n` : ruleInFull(metadata));
    return 0;
  }
  const metadata = everyCheck.map(ruleMetadata);
  if (format === "json") env.stdout.write(`${JSON.stringify(metadata, null, 2)}\n`);
  else {
    env.stdout.write(
      textTable(
        ["RULE", "SEVERITY", "CONTROLS", "TITLE"],
        metadata.map((m) => [m.id, m.severity, m.controls.join(" "), m.title.en]),
      ),
    );
  }
  return 0;
}

const indent = (text: string): string =>
  text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");

/** One rule as a person reads it in a terminal: what, why, options with defaults, how to fix. */
function ruleInFull(m: RuleMetadata): string {
  const lines = [
    `${m.id} — ${m.title.en}`,
    `  ${m.title.ja}`,
    "",
    `  ${m.description.en}`,
    `  ${m.description.ja}`,
    "",
    `  severity    ${m.severity}`,
    `  package     @itaku/rules-${m.package}`,
    `  resources   ${m.resourceTypes.join(", ")}`,
    ...(m.reads.length ? [`  also reads  ${m.reads.join(", ")}`] : []),
    `  applies to  ${m.appliesTo.join(", ")}${m.kind === "detection" ? " (a detection: `itaku audit` runs it over CloudTrail events)" : ""}`,
    ...(m.needs?.length ? [`  needs       ${m.needs.join(", ")}`] : []),
    "",
    "Controls:",
    ...(m.controls.length === 0 ? ["  none: advice, backs no clause"] : []),
    ...m.controls.map((id) => `  ${id}  ${controlById(id)?.title.en ?? ""}`),
    "",
    "Options (itaku.yaml `rules:`):",
    ...(m.options.length === 0
      ? ["  none"]
      : m.options.map(
          (o) => `  ${o.name} = ${JSON.stringify(o.default)}${o.description ? `  ${o.description}` : ""}`,
        )),
    "",
    "Messages:",
    ...Object.entries(m.messages).map(([messageId, text]) => `  ${messageId}: ${text}`),
    "",
    "Remediation:",
    `  ${m.remediation.summary}`,
    ...(m.remediation.cli ? ["  CLI:", indent(m.remediation.cli)] : []),
    ...(m.remediation.pulumi ? ["  Pulumi:", indent(m.remediation.pulumi)] : []),
    "",
    `Example: rules: { ${m.id}: off } in itaku.yaml turns it off; a waiver excepts one resource.`,
    "",
  ];
  return lines.join("\n");
}
