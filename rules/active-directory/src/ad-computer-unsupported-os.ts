import { defineRule } from "@itaku/core";
import { WINDOWS_SUPPORT_REVIEWED_AT, windowsEndOfSupport } from "./windows-support";

export default defineRule({
  id: "ad-computer-unsupported-os",
  title: {
    en: "Domain computers run a supported operating system",
    ja: "ドメインのコンピューターがサポート中の OS で動いている",
  },
  description: {
    en: `The contract asks that OS and applications are still supported and patched. Each enabled computer account's operatingSystem and build are looked up in a dated end-of-support table (Windows; reviewed ${WINDOWS_SUPPORT_REVIEWED_AT}); a computer past its end of support gets no more security fixes and fails.`,
    ja: `契約は OS・アプリケーションのサポートが終了しておらず、パッチ適用を管理することを求めています。有効なコンピューターアカウントの operatingSystem とビルド番号を日付付きのサポート終了表（Windows、${WINDOWS_SUPPORT_REVIEWED_AT} 確認）で調べ、サポート終了後のコンピューターはセキュリティ修正を受けられないため不合格とします。`,
  },
  severity: "high",
  controls: ["NIC-1-4-4-4", "IPA-3.2-1"],
  resourceTypes: ["ad.computer"],
  appliesTo: ["live"],
  messages: {
    unsupported: "{computer} runs {release}, out of support since {endOfSupport}",
  },
  remediation: {
    summary:
      "Upgrade or replace the computer (or isolate it and record a waiver with the client's consent); disable the account of a machine that is gone.",
    cli: "Get-ADComputer -Filter * -Properties operatingSystem,operatingSystemVersion",
  },
  check(ctx) {
    for (const computer of ctx.resources("ad.computer")) {
      const { enabled, operatingSystem, operatingSystemVersion } = computer.attributes;
      if (!enabled) {
        ctx.notApplicable(computer, "The computer account is disabled");
        continue;
      }
      if (!operatingSystem) {
        ctx.unknown(computer, "The computer never wrote its operatingSystem (never joined or pre-created)");
        continue;
      }
      const lookup = windowsEndOfSupport(operatingSystem, operatingSystemVersion);
      if (lookup.kind === "not-windows")
        ctx.notApplicable(computer, `The support table covers Windows only (${operatingSystem})`);
      else if (lookup.kind === "unlisted") ctx.unknown(computer, lookup.reason);
      else if (Date.parse(`${lookup.endOfSupport}T00:00:00Z`) <= ctx.now.getTime()) {
        ctx.fail(
          computer,
          "unsupported",
          { computer: computer.name, release: lookup.release, endOfSupport: lookup.endOfSupport },
          { operatingSystem, operatingSystemVersion, tableReviewedAt: WINDOWS_SUPPORT_REVIEWED_AT },
        );
      } else ctx.pass(computer, { release: lookup.release, endOfSupport: lookup.endOfSupport });
    }
  },
});
