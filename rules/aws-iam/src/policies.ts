// Reading IAM policies for the rules: which documents a principal holds, and what their Allow
// statements grant. Deny statements and conditions are not evaluated: a grant with a condition or
// beside a Deny still counts, so the rules err towards reporting (a waiver records the exception).
import {
  groupBy,
  type PolicyDocument,
  type PolicyStatement,
  type ResourceOf,
  type RuleContext,
} from "@itaku/core";

export type Principal = ResourceOf<"aws.iam.user"> | ResourceOf<"aws.iam.group"> | ResourceOf<"aws.iam.role">;

export interface HeldPolicy {
  /** How the rule names it: `AdministratorAccess`, `inline ops-maintenance`, `… via group admins`. */
  label: string;
  document: PolicyDocument;
}

export interface PrincipalPolicies {
  held: HeldPolicy[];
  /** Attached policies (or groups) whose documents the snapshot lacks: verdicts resting on them are unknown. */
  missing: string[];
}

export const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export const statementsOf = (document: PolicyDocument): PolicyStatement[] =>
  Array.isArray(document.Statement) ? document.Statement : [document.Statement];

/** AWS's own administrator policy, known by ARN when its document was not collected. */
const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;
const ADMINISTRATOR_DOCUMENT: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};

/**
 * The documents a principal holds: its inline policies, the managed policies attached to it and,
 * for users when asked, those of its groups.
 */
export function policiesOf(
  ctx: RuleContext<string>,
  principal: Principal,
  options: { throughGroups: boolean },
): PrincipalPolicies {
  const held: HeldPolicy[] = [];
  const missing: string[] = [];
  const collect = (
    owner: {
      inlinePolicies: { name: string; document: PolicyDocument }[];
      attachedPolicies: { arn: string; name: string }[];
    },
    via: string,
  ) => {
    for (const inline of owner.inlinePolicies)
      held.push({ label: `inline ${inline.name}${via}`, document: inline.document });
    for (const attached of owner.attachedPolicies) {
      const policy = ctx.find("aws.iam.policy", principal.scope, attached.arn);
      if (policy) held.push({ label: `${attached.name}${via}`, document: policy.attributes.document });
      else if (ADMINISTRATOR_ACCESS.test(attached.arn))
        held.push({ label: `${attached.name}${via}`, document: ADMINISTRATOR_DOCUMENT });
      else missing.push(`${attached.name}${via}`);
    }
  };
  collect(principal.attributes, "");
  if (options.throughGroups && principal.type === "aws.iam.user") {
    for (const groupName of principal.attributes.groups) {
      const group = groupBy(ctx.resources("aws.iam.group"), groupKey).get(
        `${principal.scope}/${groupName}`,
      )?.[0];
      if (group) collect(group.attributes, ` via group ${groupName}`);
      else missing.push(`group ${groupName}`);
    }
  }
  return { held, missing };
}

const groupKey = (group: ResourceOf<"aws.iam.group">): string =>
  `${group.scope}/${group.attributes.groupName}`;

/** Policies repeat the same few patterns across every principal: each is compiled once (up to a bound). */
const compiledPatterns = new Map<string, RegExp>();
const MAX_COMPILED_PATTERNS = 10_000;

/** IAM wildcards: `*` any run of characters, `?` one; case-insensitive, as IAM matches action names. */
export function wildcardMatch(pattern: string, value: string): boolean {
  let compiled = compiledPatterns.get(pattern);
  if (!compiled) {
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    compiled = new RegExp(`^${source}$`, "i");
    if (compiledPatterns.size >= MAX_COMPILED_PATTERNS) compiledPatterns.clear();
    compiledPatterns.set(pattern, compiled);
  }
  return compiled.test(value);
}

const isAllow = (s: PolicyStatement): boolean => s.Effect === "Allow";

/** `*` or `*:*`: every action of every service. */
export const isEveryAction = (pattern: string): boolean => pattern === "*" || pattern === "*:*";

/** Full administrator: an Allow of every action on every resource. */
export function isAdminStatement(s: PolicyStatement): boolean {
  return isAllow(s) && asList(s.Action).some(isEveryAction) && asList(s.Resource).includes("*");
}

export function grantsAdmin(document: PolicyDocument): boolean {
  return statementsOf(document).some(isAdminStatement);
}

/**
 * Does an Allow statement grant this action, other than through `*` (every action)? NotAction
 * grants everything it does not name. `*` is left to the administrator-access rule.
 */
export function grantsActionBeyondAdmin(s: PolicyStatement, action: string): string | undefined {
  if (!isAllow(s)) return undefined;
  if (s.Action !== undefined)
    return asList(s.Action).find((p) => !isEveryAction(p) && wildcardMatch(p, action));
  if (s.NotAction !== undefined && !asList(s.NotAction).some((p) => wildcardMatch(p, action))) {
    return `NotAction ${asList(s.NotAction).join(",")}`;
  }
  return undefined;
}
