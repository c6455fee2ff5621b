// The `rules` section the json format adds to a Result: for each rule with a finding, its title and
// remediation, so a reader of the JSON alone knows how to fix what failed.
import type { Result, RuleSummary } from "@itaku/core";
import { type ReportContext, ruleLookup } from "./report-context";

export function withRuleSummaries(result: Result, ctx: ReportContext): Result {
  const lookup = ruleLookup(ctx);
  const ids = [...new Set(result.findings.map((f) => f.ruleId))].sort();
  const rules: RuleSummary[] = [];
  for (const id of ids) {
    const rule = lookup(id);
    if (!rule) continue;
    const { summary, cli, pulumi } = rule.remediation;
    rules.push({
      id,
      title: { en: rule.title.en, ja: rule.title.ja },
      severity: rule.severity,
      controls: [...rule.controls],
      remediation: { summary, ...(cli ? { cli } : {}), ...(pulumi ? { pulumi } : {}) },
    });
  }
  return { ...result, rules };
}
