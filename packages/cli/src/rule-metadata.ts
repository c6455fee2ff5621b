// Rule and detection metadata as plain data: the source of `itaku rules --format json` and of docs/rules/*.md.
import { type AnyDetection, type AnyRule, isDetection } from "@itaku/core";
import { z } from "zod";
import { packageOfRule } from "./registry";

export interface RuleMetadata {
  /** rule: over a snapshot (`itaku scan`); detection: over CloudTrail events (`itaku audit`). */
  kind: "rule" | "detection";
  id: string;
  package: string;
  title: AnyRule["title"];
  description: AnyRule["description"];
  severity: AnyRule["severity"];
  controls: string[];
  resourceTypes: string[];
  reads: string[];
  appliesTo: string[];
  /** Detections: what the event source must provide (data events, the look-back, a roster). */
  needs?: string[];
  options: { name: string; default: unknown; description: string; schema: unknown }[];
  messages: Record<string, string>;
  remediation: AnyRule["remediation"];
}

const NEEDS: Record<string, string> = {
  dataEvents: "data events",
  baseline: "the look-back before the period",
  roster: "a roster",
};

export function ruleMetadata(rule: AnyRule | AnyDetection): RuleMetadata {
  const defaults = rule.options.parse({}) as Record<string, unknown>;
  const schema = z.toJSONSchema(rule.options, { unrepresentable: "any" }) as {
    properties?: Record<string, unknown>;
  };
  const docs = (rule.optionDocs ?? {}) as Record<string, string | undefined>;
  const detection = isDetection(rule);
  return {
    kind: detection ? "detection" : "rule",
    id: rule.id,
    package: packageOfRule(rule.id) ?? "unknown",
    title: rule.title,
    description: rule.description,
    severity: rule.severity,
    controls: [...rule.controls],
    resourceTypes: detection ? ["cloudtrail.event"] : [...rule.resourceTypes],
    reads: detection ? [] : [...(rule.reads ?? [])],
    appliesTo: detection ? ["live"] : [...rule.appliesTo],
    ...(detection
      ? {
          needs: Object.entries(rule.needs)
            .filter(([, needed]) => needed)
            .map(([need]) => NEEDS[need] ?? need),
        }
      : {}),
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
export function ruleDocMarkdown(rule: AnyRule | AnyDetection): string {
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
    `| Controls | ${m.controls.join(", ") || "none: advice, backs no clause"} |`,
    ...(m.kind === "detection"
      ? [
          "| Reads | CloudTrail events (`itaku audit`) |",
          ...(m.needs?.length ? [`| Needs | ${m.needs.join(", ")} |`] : []),
        ]
      : [
          `| Resources | ${m.resourceTypes.map((t) => `\`${t}\``).join(", ")} |`,
          ...(m.reads.length ? [`| Also reads | ${m.reads.map((t) => `\`${t}\``).join(", ")} |`] : []),
          `| Applies to | ${m.appliesTo.join(", ")} |`,
        ]),
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
