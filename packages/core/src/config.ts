// itaku.yaml: schema, loading and validation. Every error names the file and line of the offending key.
import { dirname, resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { type AuditSettings, auditConfigSchema, defaultAuditSettings } from "./audit/settings";
import { parseCalendarDate } from "./dates";
import type { Waiver } from "./engine";
import { InputError } from "./errors";
import { attestationSchema } from "./result";
import type { CheckMeta, RuleSettings } from "./rule";
import { INPUT_ENCODINGS, type InputEncoding } from "./text-encoding";
import { yamlDocumentToJs, yamlSyntaxError } from "./yaml-input";

const calendarDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .refine((value) => parseCalendarDate(value) !== undefined, { message: "expected a date as YYYY-MM-DD" });

const stringMap = z.record(z.string(), z.string());

const confidentialSchema = z
  .object({
    subnetTags: stringMap.default({}),
    vpcTags: stringMap.default({}),
    bucketTags: stringMap.default({}),
    proxy: z
      .object({
        securityGroupIds: z.array(z.string()).default([]),
        instanceIds: z.array(z.string()).default([]),
        networkInterfaceIds: z.array(z.string()).default([]),
        port: z.number().int().min(1).max(65535).optional(),
        logGroupNames: z.array(z.string()).default([]),
      })
      .strict()
      .default({ securityGroupIds: [], instanceIds: [], networkInterfaceIds: [], logGroupNames: [] }),
    allowedEgress: z
      .object({
        cidrs: z.array(z.string()).default([]),
        prefixListIds: z.array(z.string()).default([]),
        securityGroupIds: z.array(z.string()).default([]),
      })
      .strict()
      .default({ cidrs: [], prefixListIds: [], securityGroupIds: [] }),
  })
  .strict();

export const awsConfigSchema = z
  .object({
    regions: z
      .union([z.literal("all-enabled"), z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/)).min(1)])
      .optional(),
    profile: z.string().optional(),
    roleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, "expected arn:aws:iam::<account>:role/<name>")
      .optional(),
    externalId: z.string().optional(),
    sessionName: z.string().optional(),
    /** MFA device (arn:aws:iam::<account>:mfa/<name>) for assuming roleArn; the code is asked on a TTY. */
    mfaSerial: z.string().optional(),
    /** Scan every account of an AWS Organization (`itaku scan --aws --org`). */
    organization: z
      .object({
        /** The role to assume in each member account. */
        roleName: z
          .string()
          .regex(/^[\w+=,.@-]{1,64}$/, "expected an IAM role name such as ItakuAudit")
          .default("OrganizationAccountAccessRole"),
        externalId: z.string().optional(),
        /** Only these accounts (default: every account of the organisation). */
        accounts: z.array(z.string().regex(/^\d{12}$/, "expected a 12-digit AWS account id")).optional(),
        excludeAccounts: z
          .array(z.string().regex(/^\d{12}$/, "expected a 12-digit AWS account id"))
          .default([]),
        /** Accounts read at the same time. */
        concurrency: z.number().int().min(1).max(64).default(8),
        /** HTTP requests a second to AWS, shared by every account of the run (retries and AssumeRole included). */
        requestsPerSecond: z.number().positive().max(10_000).optional(),
      })
      .strict()
      .optional(),
    /** Endpoint override (tests use a local AWS API server); AWS_ENDPOINT_URL also works. */
    endpoint: z.url().optional(),
    maxConcurrency: z.number().int().min(1).max(64).optional(),
    /** Nothing hangs: per request (connect 5 s, response 30 s) and for the whole source (1800 s). */
    timeouts: z
      .object({
        connectSeconds: z.number().positive().max(600).optional(),
        requestSeconds: z.number().positive().max(3600).optional(),
        deadlineSeconds: z.number().positive().optional(),
      })
      .strict()
      .optional(),
    /** Attempts per request, the first included: 3 for network errors and 5xx, 8 under throttling. */
    retries: z
      .object({
        maxAttempts: z.number().int().min(1).max(10).optional(),
        throttlingMaxAttempts: z.number().int().min(1).max(20).optional(),
      })
      .strict()
      .optional(),
    confidential: confidentialSchema.optional(),
  })
  .strict();

export const adConfigSchema = z
  .object({
    url: z.string().regex(/^ldaps?:\/\/[^/]+/, "expected ldaps://host[:port] or ldap://host[:port]"),
    baseDN: z.string(),
    bindDN: z.string(),
    /** Name of the environment variable holding the bind password; the password never sits in a file. */
    passwordEnv: z.string().default("ITAKU_AD_PASSWORD"),
    caFile: z.string().optional(),
    /** Name to check the server certificate against, when it differs from the URL's host. */
    serverName: z.string().optional(),
    startTls: z.boolean().default(false),
    /** Plain, unencrypted LDAP: only when the config says so explicitly. */
    allowPlainLdap: z.boolean().default(false),
    pageSize: z.number().int().min(1).max(1000).default(1000),
    timeoutSeconds: z.number().positive().default(30),
    /** The whole directory read; what is not read by then is a gap, so its rules answer unknown. */
    deadlineSeconds: z.number().positive().default(1800),
  })
  .strict();

const waiverSchema = z
  .object({
    rule: z.string().min(1),
    resource: z.string().min(1),
    reason: z.string().min(1),
    approvedBy: z.string().min(1),
    expires: calendarDate,
  })
  .strict();

/** The monthly report's header and defaults: who reports to whom under which contract. */
export const reportConfigSchema = z
  .object({
    /** The client (甲, 委託元). */
    client: z.string().min(1),
    /** The vendor (乙, 委託先). */
    vendor: z.string().min(1),
    /** The contract the report is made under, e.g. "機密保持契約 2026-04". */
    contract: z.string().min(1),
    lang: z.enum(["ja", "en"]).default("ja"),
    preparedBy: z.string().min(1).optional(),
    approvedBy: z.string().min(1).optional(),
    /** IANA time zone the report's dates are shown in. */
    timeZone: z
      .string()
      .refine((zone) => isTimeZone(zone), { message: "expected an IANA time zone such as Asia/Tokyo" })
      .default("Asia/Tokyo"),
    /** Japanese dates also in the Japanese era (令和8年11月20日). */
    japaneseEra: z.boolean().default(false),
  })
  .strict();

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    roster: z
      .union([
        z.string(),
        z
          .object({
            path: z.string(),
            reviewedAt: calendarDate.optional(),
            /** The roster file's encoding when it is not UTF-8 (a CSV saved by Excel in Japan: cp932). */
            encoding: z.enum(INPUT_ENCODINGS).optional(),
          })
          .strict(),
      ])
      .optional(),
    aws: awsConfigSchema.optional(),
    ad: adConfigSchema.optional(),
    /** Per rule: `off`, or its options. */
    rules: z
      .record(z.string(), z.union([z.literal("off"), z.literal("on"), z.record(z.string(), z.unknown())]))
      .default({}),
    subcontractors: z
      .array(
        z
          .object({
            name: z.string().min(1),
            awsAccountIds: z
              .array(z.string().regex(/^\d{12}$/, "expected a 12-digit AWS account id"))
              .default([]),
            /** DNS names of the subcontractor's AD domains a trust may point to. */
            adDomains: z.array(z.string().min(1)).default([]),
            approvedBy: z.string().min(1),
            approvedAt: calendarDate,
          })
          .strict(),
      )
      .default([]),
    waivers: z.array(waiverSchema).default([]),
    attestations: z.array(attestationSchema.extend({ at: calendarDate })).default([]),
    report: reportConfigSchema.optional(),
    /** The access-log audit (`itaku audit`): business hours, allowed networks, look-back, confidential buckets. */
    audit: auditConfigSchema.optional(),
  })
  .strict();

export type RawConfig = z.output<typeof configSchema>;
export type AwsConfig = z.output<typeof awsConfigSchema>;
export type AdConfig = z.output<typeof adConfigSchema>;
export type ReportConfig = z.output<typeof reportConfigSchema>;

export interface ItakuConfig {
  /** Absolute path of the file, or undefined for the built-in default config. */
  path?: string;
  roster?: { path: string; reviewedAt?: string; encoding?: InputEncoding };
  aws?: AwsConfig;
  ad?: AdConfig;
  disabledRules: Set<string>;
  ruleOptions: Map<string, unknown>;
  settings: RuleSettings;
  waivers: Waiver[];
  attestations: RawConfig["attestations"];
  /** The monthly report's header (`report:`), when the config has one. */
  report?: ReportConfig;
  /** The access-log audit's settings (`audit:`), defaults filled in. */
  audit: AuditSettings;
}

/** Validates a config's text against the schema and the known rules (and detections); paths resolve beside the file. */
export function parseConfig(
  text: string,
  path: string,
  rules: readonly Pick<CheckMeta, "id" | "options">[],
): ItakuConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) throw yamlSyntaxError(doc.errors[0]!, path);
  const placeOf = (segments: readonly PropertyKey[]): string => {
    for (let n = segments.length; n >= 0; n--) {
      const node = doc.getIn(segments.slice(0, n) as unknown[], true) as
        | { range?: [number, number, number] }
        | undefined;
      const keyed = n > 0 ? keyNodeRange(doc, segments.slice(0, n)) : undefined;
      const range = keyed ?? node?.range;
      if (range) {
        const { line, col } = lineCounter.linePos(range[0]);
        return `${line}:${col}`;
      }
    }
    return "1:1";
  };
  const raw = yamlDocumentToJs(doc, path) ?? {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(path, placeOf(issue.path), `${dotted(issue.path)}: ${describeIssue(issue, raw)}`);
  }
  const config = parsed.data;
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const disabledRules = new Set<string>();
  const ruleOptions = new Map<string, unknown>();
  for (const [id, value] of Object.entries(config.rules)) {
    const rule = byId.get(id);
    if (!rule) {
      const hint = closest(id, [...byId.keys()]);
      throw new InputError(
        path,
        placeOf(["rules", id]),
        `rules.${id}: unknown rule id${hint ? ` (did you mean "${hint}"?)` : ""}; \`itaku rules\` lists them`,
      );
    }
    if (value === "off") {
      disabledRules.add(id);
      continue;
    }
    const options = rule.options.safeParse(value === "on" ? {} : value);
    if (!options.success) {
      const issue = options.error.issues[0]!;
      const at = ["rules", id, ...issue.path];
      throw new InputError(path, placeOf(at), `${dotted(at)}: ${describeIssue(issue, value)}`);
    }
    ruleOptions.set(id, options.data);
  }
  for (const [i, waiver] of config.waivers.entries()) {
    if (!byId.has(waiver.rule) && !waiver.rule.includes("*")) {
      throw new InputError(
        path,
        placeOf(["waivers", i, "rule"]),
        `waivers[${i}].rule: unknown rule id "${waiver.rule}"`,
      );
    }
  }
  const base = dirname(resolve(path));
  const roster =
    config.roster === undefined
      ? undefined
      : typeof config.roster === "string"
        ? { path: resolve(base, config.roster) }
        : {
            path: resolve(base, config.roster.path),
            reviewedAt: config.roster.reviewedAt,
            encoding: config.roster.encoding,
          };
  const ad = config.ad && {
    ...config.ad,
    caFile: config.ad.caFile ? resolve(base, config.ad.caFile) : undefined,
  };
  const confidential = config.aws?.confidential;
  return {
    path: resolve(path),
    roster,
    aws: config.aws,
    ad,
    disabledRules,
    ruleOptions,
    settings: {
      subcontractors: config.subcontractors,
      confidential: confidential ?? emptyConfidential(),
    },
    waivers: config.waivers,
    attestations: config.attestations,
    report: config.report,
    audit: config.audit ?? defaultAuditSettings(),
  };
}

export const emptyConfidential = (): RuleSettings["confidential"] => confidentialSchema.parse({});

/** The config used when none is given: defaults for every rule. */
export function defaultConfig(): ItakuConfig {
  return {
    disabledRules: new Set(),
    ruleOptions: new Map(),
    settings: { subcontractors: [], confidential: emptyConfidential() },
    waivers: [],
    attestations: [],
    audit: defaultAuditSettings(),
  };
}

function keyNodeRange(doc: ReturnType<typeof parseDocument>, segments: readonly PropertyKey[]) {
  const parent = segments.length === 1 ? doc.contents : doc.getIn(segments.slice(0, -1) as unknown[], true);
  const items = (
    parent as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | null
  )?.items;
  if (!items) return undefined;
  const last = segments[segments.length - 1];
  if (typeof last === "number") return undefined;
  return items.find((pair) => pair.key?.value === last)?.key?.range;
}

function dotted(path: readonly PropertyKey[]): string {
  return (
    path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("") ||
    "(top level)"
  );
}

/** A readable sentence for a schema issue; `root` is the value the issue's path starts from. */
function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  if (issue.code === "unrecognized_keys") {
    return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  let value: unknown = root;
  for (const segment of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[segment];
  if (value === undefined) return "is required";
  return issue.message;
}

/** The known id nearest to a mistyped one, if it is close enough to be a typo. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(input.length / 4)) + 1;
  for (const candidate of candidates) {
    const distance = levenshtein(input, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
