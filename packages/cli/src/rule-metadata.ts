// Rule metadata as plain data: the source of `itaku rules --format json` and of docs/rules/*.md.
import type { AnyRule } from "@itaku/core";
import { z } from "zod";
import { packageOfRule } from "./registry";

export interface RuleMetadata {
  id: string;
  package: string;
  title: AnyRule["title"];
  description: AnyRule["description"];
  severity: AnyRule["severity"];
  controls: string[];
  resourceTypes: string[];
  reads: string[];
  appliesTo: string[];
  options: { name: string; default: unknown; description: string; schema: unknown }[];
  messages: Record<string, string>;
  remediation: AnyRule["remediation"];
}

export function ruleMetadata(rule: AnyRule): RuleMetadata {
  const defaults = rule.options.parse({}) as Record<string, unknown>;
  const schema = z.toJSONSchema(rule.options, { unrepresentable: "any" }) as {
    properties?: Record<string, unknown>;
  };
  const docs = (rule.optionDocs ?? {}) as Record<string, string | undefined>;
  return {
    id: rule.id,
    package: packageOfRule(rule.id) ?? "unknown",
    title: rule.title,
    description: rule.description,
    severity: rule.severity,
    controls: [...rule.controls],
    resourceTypes: [...rule.resourceTypes],
    reads: [...(rule.reads ?? [])],
    appliesTo: [...rule.appliesTo],
    options: Object.entries(schema.properties ?? {}).map(([name, optionSchema]) => ({
      name,
      default: defaults[name],
      description: docs[name] ?? "",
      schema: optionSchema,
    })),
    messages: { ...rule.messages },
    remediation: rule.remediation,
  };
}

/** The documentation page of a rule, generated from its metadata only. */
export function ruleDocMarkdown(rule: AnyRule): string {
  const m = ruleMetadata(rule);
  const lines = [
    `# ${m.id}`,
    "",
    `**${m.title.en}** — ${m.title.ja}`,
    "",
    m.description.en,
    "",
    m.description.ja,
    "",
    "| | |",
    "|---|---|",
    `| Package | \`@itaku/rules-${m.package}\` |`,
    `| Severity | ${m.severity} |`,
    `| Controls | ${m.controls.join(", ")} |`,
    `| Resources | ${m.resourceTypes.map((t) => `\`${t}\``).join(", ")} |`,
    ...(m.reads.length ? [`| Also reads | ${m.reads.map((t) => `\`${t}\``).join(", ")} |`] : []),
    `| Applies to | ${m.appliesTo.join(", ")} |`,
    "",
    "## Options",
    "",
    ...(m.options.length === 0
      ? ["None."]
      : [
          "| Option | Default | Meaning |",
          "|---|---|---|",
          ...m.options.map((o) => `| \`${o.name}\` | \`${JSON.stringify(o.default)}\` | ${o.description} |`),
        ]),
    "",
    "## Messages",
    "",
    "| Message id | Text |",
    "|---|---|",
    ...Object.entries(m.messages).map(([id, text]) => `| \`${id}\` | ${text.replace(/\|/g, "\\|")} |`),
    "",
    "## Remediation",
    "",
    m.remediation.summary,
    ...(m.remediation.cli ? ["", "```sh", m.remediation.cli, "```"] : []),
    ...(m.remediation.pulumi ? ["", "```ts", m.remediation.pulumi, "```"] : []),
    "",
  ];
  return lines.join("\n");
}
