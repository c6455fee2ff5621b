// Who can use administrator access: the principals holding it, and the people behind them — a
// group's members, and whoever a role's trust policy admits (users named in it; with the account
// as principal, every user whose own policies allow sts:AssumeRole on the role; roles in a chain).
import type { PolicyStatement, ResourceOf, RuleContext } from "@itaku/core";
import {
  asList,
  grantsAdmin,
  isEveryAction,
  type Principal,
  policiesOf,
  statementsOf,
  wildcardMatch,
} from "./policies";

type User = ResourceOf<"aws.iam.user">;
type Role = ResourceOf<"aws.iam.role">;

/** Labels of the admin policies a principal holds (for users, through groups too) and what is missing. */
export function adminPoliciesOf(
  ctx: RuleContext<string>,
  principal: Principal,
): { admin: string[]; missing: string[] } {
  const { held, missing } = policiesOf(ctx, principal, { throughGroups: principal.type === "aws.iam.user" });
  return { admin: held.filter((p) => grantsAdmin(p.document)).map((p) => p.label), missing };
}

export interface RoleReach {
  /** Users of the role's account who can assume it, directly or through a chain of roles. */
  users: User[];
  /** Other AWS accounts (or `*`, anyone) the trust policy admits. */
  outside: string[];
  services: string[];
  federated: string[];
}

const ARN_ACCOUNT = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):(.*)$/;

/** Who can assume a role; `seen` stops cycles in role chains. */
export function reachOf(ctx: RuleContext<string>, role: Role, seen = new Set<string>()): RoleReach {
  const reach: RoleReach = { users: [], outside: [], services: [], federated: [] };
  seen.add(role.id);
  const addUsers = (users: readonly User[]) => {
    for (const user of users) if (!reach.users.includes(user)) reach.users.push(user);
  };
  for (const statement of statementsOf(role.attributes.assumeRolePolicy)) {
    if (statement.Effect !== "Allow" || statement.Principal === undefined) continue;
    if (statement.Principal === "*") {
      reach.outside.push("*");
      continue;
    }
    reach.services.push(...asList(statement.Principal.Service));
    reach.federated.push(...asList(statement.Principal.Federated));
    for (const value of asList(statement.Principal.AWS)) {
      const account = /^\d{12}$/.test(value) ? value : ARN_ACCOUNT.exec(value)?.[1];
      const rest = /^\d{12}$/.test(value) ? "root" : (ARN_ACCOUNT.exec(value)?.[2] ?? "");
      if (value === "*") reach.outside.push("*");
      else if (account === undefined)
        continue; // a principal id of a deleted principal admits nobody
      else if (account !== role.scope) reach.outside.push(account);
      else if (rest === "root") addUsers(usersAllowedToAssume(ctx, role));
      else if (rest.startsWith("user/")) {
        const user = ctx.find("aws.iam.user", role.scope, value);
        if (user) addUsers([user]);
      } else if (rest.startsWith("role/")) {
        const chained = ctx.find("aws.iam.role", role.scope, value);
        if (chained && !seen.has(chained.id)) {
          const before = reachOf(ctx, chained, seen);
          addUsers(before.users);
          reach.outside.push(...before.outside);
          reach.services.push(...before.services);
          reach.federated.push(...before.federated);
        }
      }
    }
  }
  reach.outside = [...new Set(reach.outside)].sort();
  reach.services = [...new Set(reach.services)].sort();
  reach.federated = [...new Set(reach.federated)].sort();
  return reach;
}

/** With the account as the trusted principal, IAM lets in the users whose own policies allow it. */
function usersAllowedToAssume(ctx: RuleContext<string>, role: Role): User[] {
  return ctx
    .inScope("aws.iam.user", role.scope)
    .filter((user) =>
      policiesOf(ctx, user, { throughGroups: true }).held.some((policy) =>
        statementsOf(policy.document).some((statement) => allowsAssume(statement, role.attributes.arn)),
      ),
    );
}

function allowsAssume(statement: PolicyStatement, roleArn: string): boolean {
  if (statement.Effect !== "Allow") return false;
  const action =
    statement.Action !== undefined
      ? asList(statement.Action).some((p) => isEveryAction(p) || wildcardMatch(p, "sts:AssumeRole"))
      : statement.NotAction !== undefined &&
        !asList(statement.NotAction).some((p) => wildcardMatch(p, "sts:AssumeRole"));
  if (!action) return false;
  if (statement.Resource !== undefined)
    return asList(statement.Resource).some((r) => wildcardMatch(r, roleArn));
  return (
    statement.NotResource !== undefined &&
    !asList(statement.NotResource).some((r) => wildcardMatch(r, roleArn))
  );
}
