// defineRule: the one factory every rule goes through. Metadata, messages and option schema sit
// at the top of a rule; `check` below reads the snapshot through a RuleContext and gives verdicts.
import { z } from "zod";
import type { Resource, ResourceOf, ResourceType } from "./model/resource";
import type { RosterIndex } from "./roster";
import type { Gap } from "./snapshot";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export type Origin = "live" | "iac";
export type Localized = { en: string; ja: string };
export type Evidence = Record<string, unknown>;
export type MessageData = Record<string, string | number | boolean>;

/** The parts of the configuration rules may read (never credentials). */
export interface RuleSettings {
  subcontractors: {
    name: string;
    awsAccountIds: string[];
    /** Absent in settings built by hand (tests): no approved AD domains. */
    adDomains?: string[];
    approvedBy: string;
    approvedAt: string;
  }[];
  confidential: {
    subnetTags: Record<string, string>;
    vpcTags: Record<string, string>;
    bucketTags: Record<string, string>;
    proxy: {
      securityGroupIds: string[];
      instanceIds: string[];
      networkInterfaceIds: string[];
      port?: number;
      logGroupNames: string[];
    };
    allowedEgress: { cidrs: string[]; prefixListIds: string[]; securityGroupIds: string[] };
  };
}

export interface RuleContext<M extends string> {
  readonly now: Date;
  readonly origin: Origin;
  /** null when no roster was given; rules that need one answer `unknown`. */
  readonly roster: RosterIndex | null;
  readonly settings: RuleSettings;
  resources<T extends ResourceType>(type: T): readonly ResourceOf<T>[];
  /** The resources of a type in one scope (account or domain); indexed, so cheap inside loops. */
  inScope<T extends ResourceType>(type: T, scope: string): readonly ResourceOf<T>[];
  /** Finds a resource of a type by id within a scope (account or domain). */
  find<T extends ResourceType>(type: T, scope: string, id: string): ResourceOf<T> | undefined;
  /** Gaps recorded for a type in the resource's scope and region (or globally in the scope). */
  gaps(resource: Resource, type?: ResourceType): readonly Gap[];
  pass(resource: Resource, evidence?: Evidence): void;
  fail(resource: Resource, messageId: M, data?: MessageData, evidence?: Evidence): void;
  unknown(resource: Resource, reason: string, evidence?: Evidence): void;
  notApplicable(resource: Resource, reason: string): void;
}

export interface RuleDefinition<M extends string, O extends z.ZodType> {
  /** kebab-case; equals the file name. */
  id: string;
  title: Localized;
  /** One or two sentences: what the rule looks at and why the contract cares. */
  description: Localized;
  severity: Severity;
  controls: readonly string[];
  /** The resources the rule gives one verdict each. */
  resourceTypes: readonly ResourceType[];
  /** Other types it consults; a gap in any of them makes a would-be `pass` `unknown`. */
  reads?: readonly ResourceType[];
  /**
   * Types the rule relates across scopes (accounts, domains): a trail's bucket in a log-archive
   * account, the accounts scanned together. An organisation scan judges such a rule once over every
   * account's resources of its types, reads and these; every other rule account by account.
   */
  crossScope?: readonly ResourceType[];
  appliesTo: readonly Origin[];
  options?: O;
  /** Documentation of each option, shown by `itaku rules`. */
  optionDocs?: Partial<Record<keyof z.output<O> & string, string>>;
  messages: Record<M, string>;
  remediation: { summary: string; pulumi?: string; cli?: string };
  check(ctx: RuleContext<M>, options: z.output<O>): void;
}

export type AnyRule = RuleDefinition<string, z.ZodType> & { options: z.ZodType };

/** What rules and access-log detections share: the metadata reports, docs and config validation read. */
export interface CheckMeta {
  id: string;
  title: Localized;
  description: Localized;
  severity: Severity;
  controls: readonly string[];
  options: z.ZodType;
  optionDocs?: Partial<Record<string, string>>;
  messages: Record<string, string>;
  remediation: { summary: string; pulumi?: string; cli?: string };
}

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function defineRule<M extends string, O extends z.ZodType = z.ZodObject<Record<string, never>>>(
  definition: RuleDefinition<M, O>,
): AnyRule {
  if (!RULE_ID.test(definition.id)) throw new Error(`rule id "${definition.id}" is not kebab-case`);
  if (definition.resourceTypes.length === 0) throw new Error(`rule ${definition.id} has no resourceTypes`);
  return {
    ...definition,
    options: definition.options ?? z.object({}).strict(),
  } as unknown as AnyRule;
}

/**
 * Message templates split at their placeholders — literal, key, literal, …, literal — once per
 * template rather than once per message (a large estate formats millions). Bounded: templates are the
 * rules' and detections' own, so the bound is never reached in practice.
 */
const templateParts = new Map<string, readonly string[]>();

/** Fills `{placeholders}` of a rule message; a placeholder the data lacks stays as it is. */
export function formatMessage(template: string, data: MessageData | undefined): string {
  if (!data) return template;
  let parts = templateParts.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    if (templateParts.size < 10_000) templateParts.set(template, parts);
  }
  // Joined rather than added up: `+=` leaves a chain of cons strings per message, kept as long as the
  // finding is (millions of them); join makes one flat string.
  const pieces = parts.slice();
  for (let at = 1; at < pieces.length; at += 2) {
    const key = pieces[at]!;
    pieces[at] = key in data ? String(data[key]) : `{${key}}`;
  }
  return pieces.join("");
}

/** Parses a rule's options from config (or `{}` for defaults). Throws ZodError on bad input. */
export function resolveRuleOptions(rule: AnyRule, raw: unknown): unknown {
  return rule.options.parse(raw ?? {});
}
