// The enabled members of privileged groups: what the privileged-account hardening rules judge. Disabled
// accounts cannot sign in and other accounts hold no privilege, so both are not applicable.
import type { ResourceOf, RuleContext } from "@itaku/core";
import { privilegedGroupNames } from "./domain";

export function forEachPrivilegedUser<M extends string>(
  ctx: RuleContext<M>,
  judge: (user: ResourceOf<"ad.user">, groups: string[]) => void,
): void {
  for (const user of ctx.resources("ad.user")) {
    if (!user.attributes.enabled) ctx.notApplicable(user, "The account is disabled");
    else if (user.attributes.privilegedGroupRids.length === 0) {
      // Membership is worked out from the groups read: with groups missing, "in none" is not known.
      if (ctx.gaps(user, "ad.group").length > 0)
        ctx.unknown(user, "Not every group was read, so privileged membership is not known");
      else ctx.notApplicable(user, "The account is in no privileged group");
    } else judge(user, privilegedGroupNames(ctx, user.scope, user.attributes.privilegedGroupRids));
  }
}
