// Every itaku rule that applies to code, as a CrossGuard stack policy: the stack's resources become a
// Snapshot, the engine runs the one rule, each failing finding is a violation on its resource's URN.
import type { PulumiSnapshotOptions } from "@itaku/collector-pulumi";
import {
  type AnyRule,
  emptySettings,
  evaluate,
  type Roster,
  type RuleSettings,
  type Severity,
} from "@itaku/core";
import type { EnforcementLevel, PolicyConfigSchema, StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { snapshotFromPolicyResources } from "./policy-resources";

export interface ItakuPolicyOptions {
  rules: readonly AnyRule[];
  /** itaku.yaml's rule settings: the confidential environment, the subcontractors. */
  settings?: RuleSettings;
  /** Options per rule id from itaku.yaml; the pack's own policy config overrides them. */
  ruleOptions?: ReadonlyMap<string, unknown>;
  roster?: Roster | null;
  /** Rule ids turned off in itaku.yaml. */
  disabledRules?: ReadonlySet<string>;
  now?: () => Date;
  snapshot?: Omit<PulumiSnapshotOptions, "now" | "confidential">;
}

/** Critical and high findings block the update; the rest are reported. */
export const enforcementOf = (severity: Severity): EnforcementLevel =>
  severity === "critical" || severity === "high" ? "mandatory" : "advisory";

const policySeverity = (severity: Severity): "low" | "medium" | "high" | "critical" =>
  severity === "info" ? "low" : severity;

/** The rule's zod options as a policy config schema (the JSON Schema of their input, defaults included). */
export function configSchemaOf(rule: AnyRule): PolicyConfigSchema | undefined {
  const schema = z.toJSONSchema(rule.options, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0) return undefined;
  return {
    properties: properties as PolicyConfigSchema["properties"],
    ...(schema.required && schema.required.length > 0 ? { required: schema.required } : {}),
  };
}

/** Keys CrossGuard adds to every policy's config that are not rule options. */
const POLICY_KEYS = new Set(["enforcementLevel"]);

export function itakuPolicies(options: ItakuPolicyOptions): StackValidationPolicy[] {
  const settings = options.settings ?? emptySettings();
  return (
    options.rules
      // Rules about the roster alone judge no resource of the stack: `itaku scan` reports them.
      .filter((rule) => rule.appliesTo.includes("iac") && !options.disabledRules?.has(rule.id))
      .filter((rule) => rule.resourceTypes.some((type) => type !== "itaku.roster"))
      .map((rule): StackValidationPolicy => {
        const configSchema = configSchemaOf(rule);
        return {
          name: rule.id,
          description: `${rule.title.en} — ${rule.description.en}`,
          enforcementLevel: enforcementOf(rule.severity),
          severity: policySeverity(rule.severity),
          remediationSteps: rule.remediation.pulumi
            ? `${rule.remediation.summary}\n${rule.remediation.pulumi}`
            : rule.remediation.summary,
          ...(configSchema ? { configSchema } : {}),
          validateStack: (args, reportViolation) => {
            const given = Object.fromEntries(
              Object.entries(args.getConfig<Record<string, unknown>>() ?? {}).filter(
                ([key]) => !POLICY_KEYS.has(key),
              ),
            );
            const base = (options.ruleOptions?.get(rule.id) as Record<string, unknown> | undefined) ?? {};
            const ruleOptions = rule.options.parse({ ...base, ...given });
            const now = options.now?.() ?? new Date();
            const snapshot = snapshotFromPolicyResources(args.resources, {
              ...options.snapshot,
              now: () => now,
              confidential: settings.confidential,
            });
            const result = evaluate({
              snapshot,
              rules: [rule],
              ruleOptions: new Map([[rule.id, ruleOptions]]),
              now,
              roster: options.roster ?? null,
              settings,
              toolVersion: "policy-pack",
            });
            const urnOf = new Map(snapshot.resources.map((r) => [`${r.type}\u0000${r.id}`, r.urn]));
            for (const finding of result.findings) {
              if (finding.status !== "fail") continue;
              const urn = urnOf.get(`${finding.resource.type}\u0000${finding.resource.id}`);
              reportViolation(`${finding.message} [${finding.controls.join(", ")}]`, urn);
            }
          },
        };
      })
  );
}
