// The account password policy. An account without one is a fact (`present: false`), not a gap.
import { GetAccountPasswordPolicyCommand, type IAMClient } from "@aws-sdk/client-iam";
import type { AttributesOf } from "@itaku/core";
import { type AwsErrorSummary, hasCode, summarizeAwsError } from "../aws-errors";

export type PasswordPolicyOutcome =
  | { ok: true; attributes: AttributesOf<"aws.iam.password-policy"> }
  | { ok: false; failure: AwsErrorSummary };

export async function readPasswordPolicy(iam: IAMClient): Promise<PasswordPolicyOutcome> {
  try {
    const { PasswordPolicy: p } = await iam.send(new GetAccountPasswordPolicyCommand({}));
    if (!p) return { ok: true, attributes: { present: false } };
    return {
      ok: true,
      attributes: {
        present: true,
        ...(p.MinimumPasswordLength !== undefined ? { minimumLength: p.MinimumPasswordLength } : {}),
        ...(p.RequireSymbols !== undefined ? { requireSymbols: p.RequireSymbols } : {}),
        ...(p.RequireNumbers !== undefined ? { requireNumbers: p.RequireNumbers } : {}),
        ...(p.RequireUppercaseCharacters !== undefined
          ? { requireUppercase: p.RequireUppercaseCharacters }
          : {}),
        ...(p.RequireLowercaseCharacters !== undefined
          ? { requireLowercase: p.RequireLowercaseCharacters }
          : {}),
        // MaxPasswordAge is only meaningful when ExpirePasswords is on; absent means "never expires".
        ...(p.ExpirePasswords && p.MaxPasswordAge ? { maxAgeDays: p.MaxPasswordAge } : {}),
        ...(p.PasswordReusePrevention !== undefined ? { reusePrevention: p.PasswordReusePrevention } : {}),
        ...(p.HardExpiry !== undefined ? { hardExpiry: p.HardExpiry } : {}),
        ...(p.AllowUsersToChangePassword !== undefined
          ? { allowUsersToChange: p.AllowUsersToChangePassword }
          : {}),
      },
    };
  } catch (error) {
    if (hasCode(error, "NoSuchEntity")) return { ok: true, attributes: { present: false } };
    return { ok: false, failure: summarizeAwsError(error) };
  }
}
