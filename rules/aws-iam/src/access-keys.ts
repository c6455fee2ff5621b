// What the access-key rules share: the keys of a user that are there to judge.
import type { ResourceOf, RuleContext } from "@itaku/core";

type User = ResourceOf<"aws.iam.user">;
export type AccessKey = NonNullable<User["attributes"]["accessKeys"]>[number];

/**
 * The user's active access keys. When there are none to judge the user gets its verdict here — unknown
 * when the keys were not collected, not applicable when none is active — and the answer is undefined.
 */
export function activeAccessKeys(ctx: RuleContext<string>, user: User): AccessKey[] | undefined {
  const { accessKeys } = user.attributes;
  if (accessKeys === undefined) {
    ctx.unknown(user, "The user's access keys were not collected");
    return undefined;
  }
  const active = accessKeys.filter((key) => key.active);
  if (active.length === 0) {
    ctx.notApplicable(user, "No active access key");
    return undefined;
  }
  return active;
}
