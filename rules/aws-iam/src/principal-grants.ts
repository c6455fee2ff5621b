// The verdict the grant-hunting rules share: every user, group and role is judged by what the
// statements of its own policies (not its groups') grant.
import type { PolicyStatement, RuleContext } from "@itaku/core";
import { grantsAdmin, type Principal, policiesOf, statementsOf } from "./policies";

/**
 * Fails each principal whose policies hold a statement `grantsIn` finds grants in, with `messageId`
 * ({kind} {name} {actions} {policies}); otherwise it is unknown when a policy was not collected, and
 * passes. Service-linked roles are not applicable: AWS owns their permissions; so are principals
 * holding administrator access (every action, these included), which aws-iam-admin-non-admin judges:
 * a pass would say "no such grant" of a principal that can do anything.
 */
export function judgePrincipalGrants<M extends string>(
  ctx: RuleContext<M>,
  messageId: M,
  grantsIn: (statement: PolicyStatement) => string[],
): void {
  const principals: Principal[] = [
    ...ctx.resources("aws.iam.user"),
    ...ctx.resources("aws.iam.group"),
    ...ctx.resources("aws.iam.role"),
  ];
  for (const principal of principals) {
    if (principal.type === "aws.iam.role" && principal.attributes.serviceLinked) {
      ctx.notApplicable(principal, "Service-linked role: AWS owns its permissions");
      continue;
    }
    const { held, missing } = policiesOf(ctx, principal, { throughGroups: false });
    const admin = held.filter((policy) => grantsAdmin(policy.document)).map((policy) => policy.label);
    if (admin.length > 0) {
      ctx.notApplicable(
        principal,
        `Holds administrator access (${admin.join(", ")}): every action, these included; aws-iam-admin-non-admin judges who may use it`,
      );
      continue;
    }
    const granted = new Set<string>();
    const through = new Set<string>();
    for (const policy of held) {
      for (const statement of statementsOf(policy.document)) {
        const grants = grantsIn(statement);
        for (const grant of grants) granted.add(grant);
        if (grants.length > 0) through.add(policy.label);
      }
    }
    if (granted.size > 0) {
      const actions = [...granted].sort();
      const policies = [...through].sort();
      ctx.fail(
        principal,
        messageId,
        {
          kind: kindOf(principal),
          name: principal.name,
          actions: actions.join(", "),
          policies: policies.join(", "),
        },
        { actions, policies },
      );
    } else if (missing.length > 0)
      ctx.unknown(principal, `Policies not collected: ${missing.join(", ")}`, { missing });
    else ctx.pass(principal);
  }
}

const kindOf = (principal: Principal): string =>
  principal.type === "aws.iam.user"
    ? "IAM user"
    : principal.type === "aws.iam.group"
      ? "IAM group"
      : "IAM role";
