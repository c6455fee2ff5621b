import { defineRule } from "@itaku/core";
import { isForestTrust, outOfScope, TRUST_ATTRIBUTE } from "./trusts";

export default defineRule({
  id: "ad-trust-sid-filtering",
  title: {
    en: "Trusts filter the partner's SIDs (SID filtering on)",
    ja: "信頼で相手ドメインの SID をフィルタリングしている",
  },
  description: {
    en: "Without SID filtering, an administrator of the trusted domain can put any SID of this domain — Domain Admins included — into the SID history of an account of theirs and come in as that: the subcontractor is no longer limited to what it was given. External trusts must be quarantined (QUARANTINED_DOMAIN); forest trusts must not be relaxed to let SID history through (TREAT_AS_EXTERNAL). Trusts within the forest and inbound-only trusts are not applicable.",
    ja: "SID フィルタリングがないと、信頼先ドメインの管理者は自分のアカウントの SID 履歴にこのドメインの任意の SID（Domain Admins を含む）を入れて、その権限で入ってこられます。再委託先は与えられた範囲に限定されなくなります。外部信頼は検疫（QUARANTINED_DOMAIN）されている必要があり、フォレスト信頼は SID 履歴を通すよう緩められて（TREAT_AS_EXTERNAL）いてはなりません。フォレスト内の信頼と受信方向のみの信頼は対象外です。",
  },
  severity: "high",
  controls: ["NIC-1-7"],
  resourceTypes: ["ad.trust"],
  appliesTo: ["live"],
  messages: {
    externalNotQuarantined: "The external trust to {partner} does not filter SIDs (not quarantined)",
    forestSidHistory: "The forest trust to {partner} lets SID history through (TREAT_AS_EXTERNAL)",
  },
  remediation: {
    summary:
      "Turn SID filtering on: quarantine external trusts, and do not enable SID history on forest trusts.",
    cli: "netdom trust <this domain> /domain:<partner> /quarantine:yes   (forest: /enablesidhistory:no)",
  },
  check(ctx) {
    for (const trust of ctx.resources("ad.trust")) {
      const reason = outOfScope(trust);
      if (reason) {
        ctx.notApplicable(trust, reason);
        continue;
      }
      const { partner, trustAttributes } = trust.attributes;
      const evidence = { trustAttributes, forest: isForestTrust(trust) };
      if (isForestTrust(trust)) {
        if (trustAttributes & TRUST_ATTRIBUTE.TREAT_AS_EXTERNAL)
          ctx.fail(trust, "forestSidHistory", { partner }, evidence);
        else ctx.pass(trust, evidence);
      } else if (!(trustAttributes & TRUST_ATTRIBUTE.QUARANTINED_DOMAIN))
        ctx.fail(trust, "externalNotQuarantined", { partner }, evidence);
      else ctx.pass(trust, evidence);
    }
  },
});
