import { daysBetween, defineRule } from "@itaku/core";
import { z } from "zod";

const KRBTGT_RID = 502;

export default defineRule({
  id: "ad-krbtgt-password-age",
  title: {
    en: "The krbtgt password is changed regularly",
    ja: "krbtgt のパスワードが定期的に変更されている",
  },
  description: {
    en: "Every Kerberos ticket in the domain is signed with the krbtgt account's key. Someone who once copied it can forge tickets for any account (a golden ticket) until the password changes — twice. The contract's regular password change applies to it above all: its pwdLastSet must be younger than the limit.",
    ja: "ドメインのすべての Kerberos チケットは krbtgt アカウントの鍵で署名されます。一度でもその鍵を盗んだ者は、パスワードが（2 回）変更されるまで任意のアカウントのチケットを偽造できます（ゴールデンチケット）。契約のパスワード定期変更はまずこのアカウントに当てはまります。pwdLastSet が上限日数より新しい必要があります。",
  },
  severity: "high",
  controls: ["IPA-4.1-3"],
  resourceTypes: ["ad.domain"],
  reads: ["ad.user"],
  appliesTo: ["live"],
  options: z.object({ maxDays: z.number().int().positive().default(180) }).strict(),
  optionDocs: { maxDays: "Days after which the krbtgt password counts as too old" },
  messages: {
    old: "The krbtgt password of {domain} was last changed {days} days ago (limit {max})",
    never: "The krbtgt password of {domain} has no recorded change",
  },
  remediation: {
    summary:
      "Reset the krbtgt password twice, at least the maximum ticket lifetime (10 hours by default) apart, with Microsoft's New-KrbtgtKeys.ps1; schedule it.",
    cli: "Set-ADAccountPassword -Identity krbtgt -Reset",
  },
  check(ctx, { maxDays }) {
    for (const domain of ctx.resources("ad.domain")) {
      const krbtgt = ctx.inScope("ad.user", domain.scope).find((u) => u.attributes.rid === KRBTGT_RID);
      const pwdLastSet = krbtgt?.attributes.pwdLastSet;
      if (!krbtgt) ctx.unknown(domain, "The krbtgt account (RID 502) was not collected");
      else if (pwdLastSet === undefined) ctx.unknown(domain, "krbtgt's pwdLastSet was not collected");
      else if (pwdLastSet === null) ctx.fail(domain, "never", { domain: domain.name });
      else {
        const days = daysBetween(pwdLastSet, ctx.now);
        if (days > maxDays)
          ctx.fail(domain, "old", { domain: domain.name, days, max: maxDays }, { pwdLastSet });
        else ctx.pass(domain, { pwdLastSet, days });
      }
    }
  },
});
