// The policies invoked as CrossGuard invokes a stack policy: resources whose props sit behind the
// unknown-checking proxy, dependency edges as resource objects, config without enforcementLevel.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { MockedResource } from "@itaku/collector-pulumi";
import type { AnyRule, Roster } from "@itaku/core";
import { emptySettings } from "@itaku/core";
import { rules as accountsRules } from "@itaku/rules-accounts";
import { rules as awsIamRules } from "@itaku/rules-aws-iam";
import { rules as loggingRules } from "@itaku/rules-logging";
import { rules as egressRules } from "@itaku/rules-network-egress";
import { VendorBaseline, type VendorBaselineArgs } from "@itaku/stack-vendor-baseline";
import { runUnderMocks } from "@itaku/stack-vendor-baseline/testing";
import type {
  PolicyResource,
  ReportViolation,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import * as policyProxy from "@pulumi/policy/proxy";
import { configSchemaOf, enforcementOf, itakuPolicies } from "./policies";

// The analyzer's own wrapper (internal to @pulumi/policy, so absent from its type declarations).
const { unknownCheckingProxy } = policyProxy as unknown as { unknownCheckingProxy: <T>(value: T) => T };

const RULES: AnyRule[] = [...accountsRules, ...awsIamRules, ...loggingRules, ...egressRules];
const NOW = new Date("2026-11-20T00:00:00Z");
const CLIENT = "999988887777";

const ROSTER: Roster = {
  path: "roster.csv",
  reviewedAt: "2026-10-31",
  people: [
    {
      personId: "P001",
      name: "山田",
      role: "manager",
      awsIamUsers: ["yamada"],
      adAccounts: [],
      startDate: "2024-04-01",
      briefedAt: "2026-04-10",
      origin: "r:2",
    },
    {
      personId: "P002",
      name: "佐藤",
      role: "admin",
      awsIamUsers: ["sato"],
      adAccounts: [],
      startDate: "2024-04-01",
      briefedAt: "2026-04-10",
      origin: "r:3",
    },
    {
      personId: "P006",
      name: "伊藤",
      role: "auditor",
      awsIamUsers: ["ito-audit"],
      adAccounts: [],
      startDate: "2026-01-05",
      briefedAt: "2026-01-05",
      origin: "r:4",
    },
  ],
};

const ARGS: VendorBaselineArgs = {
  people: ROSTER.people.map((p) => ({ userName: p.awsIamUsers[0]!, role: p.role, personId: p.personId })),
  clientAudit: { accountId: CLIENT, externalId: "itaku-audit-2026-sample" },
  proxy: { allowedDomains: [".amazonaws.com"] },
  securityAlerts: { emails: ["security@vendor.example.jp"] },
};

/** A PolicyResource as the analyzer builds it; `deps` are URNs, turned into the resource objects. */
interface Plain {
  type: string;
  urn: string;
  name: string;
  props: Record<string, unknown>;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
}
function asPolicyResources(plain: Plain[]): PolicyResource[] {
  const made = plain.map(
    (p) =>
      ({
        type: p.type,
        urn: p.urn,
        name: p.name,
        props: unknownCheckingProxy(p.props),
        opts: {
          protect: false,
          ignoreChanges: [],
          aliases: [],
          customTimeouts: {},
          additionalSecretOutputs: [],
          parent: undefined,
        },
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
      }) as unknown as PolicyResource,
  );
  const byUrn = new Map(made.map((r) => [r.urn, r]));
  plain.forEach((p, i) => {
    made[i]!.dependencies = (p.dependencies ?? [])
      .map((u) => byUrn.get(u))
      .filter((r): r is PolicyResource => Boolean(r));
    made[i]!.propertyDependencies = Object.fromEntries(
      Object.entries(p.propertyDependencies ?? {}).map(([k, us]) => [
        k,
        us.map((u) => byUrn.get(u)).filter((r): r is PolicyResource => Boolean(r)),
      ]),
    );
  });
  return made;
}

const fromMocks = (resources: MockedResource[]): Plain[] =>
  resources
    .filter((r) => r.custom !== false)
    .map((r) => ({
      type: r.type,
      urn: `urn:pulumi:test::vendor-baseline::${r.type}::${r.name}`,
      name: r.name,
      props: { ...r.state },
    }));

async function baselineResources(args: Partial<VendorBaselineArgs> = {}) {
  const run = await runUnderMocks(() => {
    const baseline = new VendorBaseline("baseline", { ...ARGS, ...args });
    return baseline.itakuSettings;
  });
  const settings = emptySettings();
  settings.confidential.subnetTags = run.outputs.subnetTags;
  settings.confidential.proxy = { ...settings.confidential.proxy, ...run.outputs.proxy };
  return { resources: asPolicyResources(fromMocks(run.resources)), settings };
}

interface Violation {
  policy: string;
  enforcement: string;
  message: string;
  urn?: string;
}

async function runPolicies(
  policies: StackValidationPolicy[],
  resources: PolicyResource[],
  config: Record<string, Record<string, unknown>> = {},
) {
  const violations: Violation[] = [];
  for (const policy of policies) {
    const report: ReportViolation = (message, urn) => {
      violations.push({ policy: policy.name, enforcement: String(policy.enforcementLevel), message, urn });
    };
    const args: StackValidationArgs = {
      resources,
      stackTags: new Map(),
      getConfig: <T extends object>() => (config[policy.name] ?? {}) as T,
      notApplicable: () => {
        throw new Error("not applicable");
      },
    };
    await policy.validateStack(args, report);
  }
  return violations;
}

const policiesFor = (settings: ReturnType<typeof emptySettings>) =>
  itakuPolicies({
    rules: RULES,
    settings,
    roster: ROSTER,
    now: () => NOW,
    ruleOptions: new Map([["aws-iam-role-trust-external", { trustedAccountIds: [CLIENT] }]]),
  });

describe("itakuPolicies", () => {
  it("has one policy per IaC-applicable rule, enforcement from severity, config from the rule's options", () => {
    const policies = policiesFor(emptySettings());
    const iac = RULES.filter(
      (r) => r.appliesTo.includes("iac") && !r.resourceTypes.every((t) => t === "itaku.roster"),
    ).map((r) => r.id);
    expect(policies.map((p) => p.name)).toEqual(iac);
    expect(policies.some((p) => p.name === "aws-iam-user-mfa")).toBe(false);
    expect(policies.some((p) => p.name === "roster-current")).toBe(false);
    for (const policy of policies) {
      const rule = RULES.find((r) => r.id === policy.name)!;
      expect(policy.enforcementLevel).toBe(enforcementOf(rule.severity));
    }
    expect(enforcementOf("critical")).toBe("mandatory");
    expect(enforcementOf("high")).toBe("mandatory");
    expect(enforcementOf("medium")).toBe("advisory");
    const retention = policies.find((p) => p.name === "logging-flow-logs-retention")!;
    expect(retention.configSchema).toEqual({
      properties: { minRetentionDays: expect.objectContaining({ type: "integer", default: 365 }) },
    });
    expect(configSchemaOf(RULES.find((r) => r.id === "logging-vpc-flow-logs")!)).toBeUndefined();
  });

  it("passes the vendor baseline: no violation from any policy", async () => {
    const { resources, settings } = await baselineResources();
    expect(await runPolicies(policiesFor(settings), resources)).toEqual([]);
  });

  it("fails a direct internet route with a mandatory violation on each confidential subnet", async () => {
    const { resources, settings } = await baselineResources({ allowDirectInternetRoute: true });
    const violations = await runPolicies(policiesFor(settings), resources);
    expect(violations.map((v) => [v.policy, v.enforcement])).toEqual([
      ["egress-subnet-direct-internet-route", "mandatory"],
      ["egress-subnet-direct-internet-route", "mandatory"],
    ]);
    expect(violations.map((v) => v.urn).sort()).toEqual([
      "urn:pulumi:test::vendor-baseline::aws:ec2/subnet:Subnet::baseline-network-confidential-0",
      "urn:pulumi:test::vendor-baseline::aws:ec2/subnet:Subnet::baseline-network-confidential-1",
    ]);
  });

  it("fails 30-day retention, and the policy config can lower the minimum", async () => {
    const { resources, settings } = await baselineResources({
      logRetentionDays: 30,
      allowShortRetention: true,
    });
    const policies = policiesFor(settings);
    const violations = await runPolicies(policies, resources);
    expect([...new Set(violations.map((v) => `${v.policy} ${v.enforcement}`))].sort()).toEqual([
      "logging-cloudtrail-retention mandatory",
      "logging-flow-logs-retention advisory",
      "logging-proxy-log-retention advisory",
    ]);
    const lowered = await runPolicies(policies, resources, {
      "logging-cloudtrail-retention": { minRetentionDays: 30 },
      "logging-flow-logs-retention": { minRetentionDays: 30 },
      "logging-proxy-log-retention": { minRetentionDays: 30 },
    });
    expect(lowered).toEqual([]);
  });

  it("runs during a preview: values not known yet do not stop it, dependencies link the resources", async () => {
    const preview = JSON.parse(
      readFileSync(join(__dirname, "../../collector-pulumi/fixtures/preview.json"), "utf8"),
    );
    const plain: Plain[] = preview.steps
      .filter(
        (s: { op: string; newState?: { custom?: boolean; type: string } }) =>
          s.op !== "delete" && s.newState?.custom && !s.newState.type.startsWith("pulumi:providers:"),
      )
      .map((s: { urn: string; newState: Record<string, unknown> & { type: string } }) => ({
        type: s.newState.type,
        urn: s.urn,
        name: s.urn.slice(s.urn.lastIndexOf("::") + 2),
        props: (s.newState.outputs ?? s.newState.inputs) as Record<string, unknown>,
        dependencies: s.newState.dependencies as string[] | undefined,
        propertyDependencies: s.newState.propertyDependencies as Record<string, string[]> | undefined,
      }));
    const settings = emptySettings();
    settings.confidential.subnetTags = { DataClass: "confidential" };
    const policies = itakuPolicies({
      rules: RULES,
      settings,
      roster: null,
      now: () => NOW,
      snapshot: { region: "ap-northeast-1" },
    });
    const violations = await runPolicies(policies, asPolicyResources(plain));
    const byPolicy = (name: string) => violations.filter((v) => v.policy === name);
    expect(byPolicy("egress-subnet-direct-internet-route").map((v) => v.urn)).toEqual([
      "urn:pulumi:dev::vendor-baseline::itaku:index:VendorBaseline$aws:ec2/subnet:Subnet::baseline-confidential-0",
    ]);
    expect(byPolicy("egress-admin-ports-open").map((v) => v.message)).toEqual([
      expect.stringContaining("3389"),
    ]);
    expect(byPolicy("logging-flow-logs-retention")).toHaveLength(1);
  });
});
