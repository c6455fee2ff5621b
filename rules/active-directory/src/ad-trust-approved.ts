import { defineRule } from "@itaku/core";
import { DIRECTION_NAMES, outOfScope } from "./trusts";

export default defineRule({
  id: "ad-trust-approved",
  title: {
    en: "Domains trusted by this one belong to approved subcontractors",
    ja: "信頼しているドメインが承認済みの再委託先のものである",
  },
  description: {
    en: "A trust that lets another domain's accounts into this one (outbound or bidirectional) gives a third party access to the information. The contract allows that only to subcontractors the client approved in writing: the partner's DNS name must be in the `adDomains` of a subcontractor in the configuration whose approval date has come. Trusts within the forest (the company's own domains) and inbound-only trusts are not applicable.",
    ja: "他のドメインのアカウントをこのドメインに受け入れる信頼（送信方向または双方向）は、第三者に情報へのアクセスを与えます。契約はこれを委託元が書面で承認した再委託先にだけ認めています。相手のドメイン名が、承認日を迎えた設定上の再委託先の adDomains に含まれている必要があります。フォレスト内の信頼（自社のドメイン同士）と受信方向のみの信頼は対象外です。",
  },
  severity: "high",
  controls: ["NIC-1-7", "IPA-R-1"],
  resourceTypes: ["ad.trust"],
  appliesTo: ["live"],
  messages: {
    unapproved: "{domain} trusts {partner} ({direction}), which no approved subcontractor lists",
  },
  remediation: {
    summary:
      "Remove the trust, or obtain the client's written approval and list the domain under the subcontractor's adDomains in itaku.yaml.",
    cli: "netdom trust <this domain> /domain:<partner> /remove",
  },
  check(ctx) {
    const today = ctx.now.toISOString().slice(0, 10);
    const approved = new Map<string, string>();
    for (const s of ctx.settings.subcontractors) {
      if (s.approvedAt > today) continue;
      for (const domain of s.adDomains ?? []) approved.set(domain.toLowerCase(), s.name);
    }
    for (const trust of ctx.resources("ad.trust")) {
      const reason = outOfScope(trust);
      if (reason) {
        ctx.notApplicable(trust, reason);
        continue;
      }
      const { partner, direction } = trust.attributes;
      const subcontractor =
        approved.get(partner) ?? approved.get(trust.attributes.flatName?.toLowerCase() ?? "");
      if (subcontractor) ctx.pass(trust, { partner, subcontractor });
      else {
        ctx.fail(
          trust,
          "unapproved",
          { domain: trust.scope, partner, direction: DIRECTION_NAMES[direction] ?? String(direction) },
          { partner, direction, trustAttributes: trust.attributes.trustAttributes },
        );
      }
    }
  },
});
