import { confidentialSubnetKeys, defineRule, gapsIn, proxyDefined, proxyInterfaces } from "@itaku/core";

export default defineRule({
  id: "egress-proxy-defined",
  title: {
    en: "A proxy for external traffic is named and running",
    ja: "外部通信用のプロキシが指定され、稼働している",
  },
  description: {
    en: "External traffic must go through a proxy or gateway, and the other egress rules need to know which one. aws.confidential.proxy must name it (security groups, instances or network interfaces) and at least one network interface of each account with confidential subnets must match. An account without confidential subnets is not applicable when another scanned account hosts the proxy.",
    ja: "外部との通信はプロキシまたはゲートウェイを経由する必要があり、他の送信制御ルールもそれがどれかを知る必要があります。aws.confidential.proxy でプロキシ（セキュリティグループ、インスタンス、ネットワークインターフェース）を指定し、機密サブネットを持つ各アカウントに一致するネットワークインターフェースが少なくとも 1 つ存在する必要があります。機密サブネットのないアカウントは、他のスキャン対象アカウントにプロキシがあれば対象外です。",
  },
  severity: "high",
  controls: ["NIC-1-4-5-3", "IPA-3.1-8"],
  resourceTypes: ["aws.account"],
  reads: ["aws.ec2.network-interface"],
  // The proxy may run in another scanned account (a shared network account).
  crossScope: ["aws.ec2.network-interface", "aws.ec2.subnet", "aws.ec2.vpc"],
  appliesTo: ["live", "iac"],
  messages: {
    notDefined:
      "No proxy is named in aws.confidential.proxy (securityGroupIds, instanceIds or networkInterfaceIds)",
    notFound:
      "No network interface of account {account} matches the proxy named in aws.confidential.proxy ({named})",
  },
  remediation: {
    summary:
      "Name the proxy in itaku.yaml (aws.confidential.proxy.securityGroupIds is the most stable), and check that it is running.",
    cli: "aws ec2 describe-network-interfaces --filters Name=group-id,Values=<proxy-sg>",
  },
  check(ctx) {
    const proxy = ctx.settings.confidential.proxy;
    const found = proxyInterfaces(ctx);
    const confidential = confidentialSubnetKeys(ctx);
    const named = [...proxy.securityGroupIds, ...proxy.instanceIds, ...proxy.networkInterfaceIds].join(", ");
    for (const account of ctx.resources("aws.account")) {
      if (!proxyDefined(ctx)) {
        ctx.fail(account, "notDefined");
        continue;
      }
      const own = found.filter((eni) => eni.scope === account.scope);
      const hasConfidential = [...confidential].some((k) => k.startsWith(`${account.scope}/`));
      if (own.length > 0) {
        ctx.pass(account, {
          interfaces: own.map((eni) => ({
            id: eni.id,
            subnetId: eni.attributes.subnetId,
            instanceId: eni.attributes.instanceId,
          })),
        });
      } else if (found.length > 0 && !hasConfidential) {
        ctx.notApplicable(
          account,
          "No confidential subnet here, and the proxy runs in another scanned account",
        );
      } else {
        const gaps = gapsIn(ctx, account, ["aws.ec2.network-interface"]);
        if (gaps.length > 0)
          ctx.unknown(account, "Network interfaces could not be read in every region", { gaps });
        else ctx.fail(account, "notFound", { account: account.scope, named });
      }
    }
  },
});
