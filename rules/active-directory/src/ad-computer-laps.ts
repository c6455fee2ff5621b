import { daysBetween, defineRule } from "@itaku/core";
import { z } from "zod";
import { domainOf } from "./domain";

export default defineRule({
  id: "ad-computer-laps",
  title: {
    en: "Computers' local administrator passwords are managed by LAPS",
    ja: "コンピューターのローカル管理者パスワードが LAPS で管理されている",
  },
  description: {
    en: "Without LAPS, a machine's local administrator password is whatever the image set: the same on every machine and never changed, against the contract's password expiry. Where the schema defines LAPS (ms-Mcs-AdmPwdExpirationTime or msLAPS-PasswordExpirationTime), every enabled computer that is not a domain controller must have an expiration time (a managed password) not long past. Both attributes are readable by authenticated users by default; a reader denied them would see none and should be given read access. Domains whose schema has no LAPS are not applicable.",
    ja: "LAPS がないと、端末のローカル管理者パスワードはイメージ作成時のままで、全端末で同じかつ変更されず、契約のパスワード有効期限に反します。スキーマに LAPS（ms-Mcs-AdmPwdExpirationTime または msLAPS-PasswordExpirationTime）がある場合、ドメインコントローラー以外の有効なコンピューターはすべて有効期限（＝管理されたパスワード）を持ち、その期限を大きく過ぎていない必要があります。どちらの属性も既定で認証済みユーザーが読み取れます。読み取りを拒否された読み取り用アカウントには見えないため、読み取り権限を与えてください。スキーマに LAPS がないドメインは対象外です。",
  },
  severity: "medium",
  controls: ["IPA-4.1-3"],
  resourceTypes: ["ad.computer"],
  reads: ["ad.domain"],
  appliesTo: ["live"],
  options: z.object({ maxDaysOverdue: z.number().int().nonnegative().default(30) }).strict(),
  optionDocs: {
    maxDaysOverdue:
      "Days a managed password may stay past its expiration time (the machine was off) before it counts as no longer rotated",
  },
  messages: {
    unmanaged: "{computer} has no LAPS-managed local administrator password",
    overdue: "{computer}'s LAPS password expired {days} days ago and has not been rotated (limit {max})",
  },
  remediation: {
    summary:
      "Apply the Windows LAPS policy (BackupDirectory = Active Directory) to the computers' OU and grant the computers the right to write their password.",
    cli: "Set-LapsADComputerSelfPermission -Identity '<computers OU>'",
  },
  check(ctx, { maxDaysOverdue }) {
    for (const computer of ctx.resources("ad.computer")) {
      const { enabled, domainController, lapsPasswordExpiresAt } = computer.attributes;
      const schema = domainOf(ctx, computer)?.attributes.lapsSchema;
      if (!enabled) ctx.notApplicable(computer, "The computer account is disabled");
      else if (domainController) ctx.notApplicable(computer, "Domain controllers have no local accounts");
      else if (schema && !schema.legacy && !schema.windows)
        ctx.notApplicable(computer, "The schema defines no LAPS attributes");
      else if (lapsPasswordExpiresAt === undefined)
        ctx.unknown(computer, "The LAPS attributes were not read");
      else if (lapsPasswordExpiresAt === null)
        ctx.fail(computer, "unmanaged", { computer: computer.name }, { lapsPasswordExpiresAt });
      else {
        const overdue = daysBetween(lapsPasswordExpiresAt, ctx.now);
        if (overdue > maxDaysOverdue)
          ctx.fail(
            computer,
            "overdue",
            { computer: computer.name, days: overdue, max: maxDaysOverdue },
            { lapsPasswordExpiresAt },
          );
        else ctx.pass(computer, { lapsPasswordExpiresAt });
      }
    }
  },
});
