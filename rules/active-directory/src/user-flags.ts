// The shared verdict of the userAccountControl rules: enabled users with the flag fail, disabled users
// cannot sign in and are not applicable.
import type { ResourceOf, RuleContext } from "@itaku/core";

type Flag = keyof ResourceOf<"ad.user">["attributes"]["flags"];

export function judgeUserFlag<M extends string>(ctx: RuleContext<M>, flag: Flag, messageId: M): void {
  for (const user of ctx.resources("ad.user")) {
    const { enabled, flags, userAccountControl } = user.attributes;
    if (!enabled) {
      ctx.notApplicable(user, "The account is disabled");
      continue;
    }
    const evidence = { userAccountControl, [flag]: flags[flag] };
    if (flags[flag]) ctx.fail(user, messageId, { account: user.name }, evidence);
    else ctx.pass(user, evidence);
  }
}
