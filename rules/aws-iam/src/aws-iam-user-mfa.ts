import { defineRule } from "@itaku/core";

export default defineRule({
  id: "aws-iam-user-mfa",
  title: { en: "Console users have MFA", ja: "コンソールを使うIAMユーザーに多要素認証が設定されている" },
  description: {
    en: "Every IAM user with a console password must also have an MFA device, so that a guessed or leaked password alone does not open a remote session to the information.",
    ja: "コンソールパスワードを持つIAMユーザーにはMFAも必要。推測・漏えいしたパスワードだけで情報へのリモートアクセスを許さないため。",
  },
  severity: "high",
  controls: ["NIC-1-4-4-2", "IPA-4.1-9"],
  resourceTypes: ["aws.iam.user"],
  appliesTo: ["live"],
  messages: { noMfa: "IAM user {user} signs in to the console with a password but has no MFA device" },
  remediation: {
    summary:
      "Assign an MFA device to the user, and deny console actions without MFA (aws:MultiFactorAuthPresent) until it is done.",
    cli: "aws iam create-virtual-mfa-device --virtual-mfa-device-name NAME --outfile qr.png --bootstrap-method QRCodePNG && aws iam enable-mfa-device --user-name NAME --serial-number ARN --authentication-code1 … --authentication-code2 …",
  },
  check(ctx) {
    for (const user of ctx.resources("aws.iam.user")) {
      const { passwordEnabled, mfaActive, userName } = user.attributes;
      if (passwordEnabled === undefined)
        ctx.unknown(user, "Whether the user has a console password was not collected");
      else if (!passwordEnabled) ctx.notApplicable(user, "No console password");
      else if (mfaActive === undefined) ctx.unknown(user, "Whether the user has MFA was not collected");
      else if (!mfaActive) ctx.fail(user, "noMfa", { user: userName });
      else ctx.pass(user);
    }
  },
});
