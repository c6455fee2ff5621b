import { defineRule } from "@itaku/core";

export default defineRule({
  id: "ad-machine-account-quota",
  title: {
    en: "Only administrators can join computers to the domain",
    ja: "ドメインへのコンピューター参加は管理者のみが行える",
  },
  description: {
    en: "The contract asks that devices join the internal network only with the manager's approval, and that non-company terminals be refused. ms-DS-MachineAccountQuota lets every authenticated user join that many computers to the domain themselves (AD's default is 10), with no approval at all. It must be 0, so that only delegated administrators add computers.",
    ja: "契約は、PC 等を社内ネットワークに接続する際は管理者の承認を得ること、会社資産以外の端末の接続を拒否することを求めています。ms-DS-MachineAccountQuota は認証済みの全ユーザーが承認なしにその台数までコンピューターをドメインに参加させることを許します（AD の既定値は 10）。委任された管理者だけがコンピューターを追加できるよう 0 にする必要があります。",
  },
  severity: "medium",
  controls: ["IPA-4.1-5", "NIC-1-4-4-9"],
  resourceTypes: ["ad.domain"],
  appliesTo: ["live"],
  messages: {
    quota: "Any user of {domain} may join {quota} computer(s) to the domain (ms-DS-MachineAccountQuota)",
  },
  remediation: {
    summary:
      "Set ms-DS-MachineAccountQuota to 0 and delegate 'Create computer objects' on the computers' OU to the people who approve devices.",
    cli: "Set-ADDomain -Identity <domain> -Replace @{'ms-DS-MachineAccountQuota'=0}",
  },
  check(ctx) {
    for (const domain of ctx.resources("ad.domain")) {
      const quota = domain.attributes.machineAccountQuota;
      if (quota === undefined) ctx.unknown(domain, "ms-DS-MachineAccountQuota was not read");
      else if (quota > 0)
        ctx.fail(domain, "quota", { domain: domain.name, quota }, { machineAccountQuota: quota });
      else ctx.pass(domain, { machineAccountQuota: quota });
    }
  },
});
