// Account-level rules give their verdict on the aws.account resource: when the root user or the
// password policy could not be read, the account is still there to say `unknown` about.
import type { ResourceOf, RuleContext } from "@itaku/core";

export function rootOf(
  ctx: RuleContext<string>,
  account: ResourceOf<"aws.account">,
): ResourceOf<"aws.iam.root"> | undefined {
  return ctx.inScope("aws.iam.root", account.scope)[0];
}

export function passwordPolicyOf(
  ctx: RuleContext<string>,
  account: ResourceOf<"aws.account">,
): ResourceOf<"aws.iam.password-policy"> | undefined {
  return ctx.inScope("aws.iam.password-policy", account.scope)[0];
}

/** The reason given when the root user is missing, naming the gap when there is one. */
export function rootMissingReason(ctx: RuleContext<string>, account: ResourceOf<"aws.account">): string {
  const gap = ctx.gaps(account, "aws.iam.root")[0];
  return gap
    ? `The root user could not be read (${gap.operation}: ${gap.code})`
    : "The root user was not collected (it comes from the credential report)";
}
