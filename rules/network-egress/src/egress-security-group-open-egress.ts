import {
  confidentialSubnetKeys,
  defineRule,
  gapsIn,
  proxyInterfaces,
  type ResourceOf,
  scopedKey,
} from "@itaku/core";
import { cidrWithin, isPrivateCidr, PRIVATE_RANGES } from "./cidr";
import { describePorts } from "./security-group-rules";
import { judgeSubnetAcls, type SubnetAclVerdict, subnetAclIndex } from "./subnet-acls";

/** Interface kinds that are workloads; endpoints, load balancers and gateways are AWS's own plumbing. */
const WORKLOAD_INTERFACE_TYPES = new Set(["interface", "efa", "efa-only", "trunk", "branch", "lambda"]);

export default defineRule({
  id: "egress-security-group-open-egress",
  title: {
    en: "Confidential workloads may send traffic only to the proxy, endpoints and internal ranges",
    ja: "機密環境のワークロードの送信先はプロキシ、エンドポイント、内部アドレスに限られる",
  },
  description: {
    en: "Access to sites the work does not need must be restricted, so a confidential workload's security groups allow egress only to the proxy, VPC endpoints (their prefix lists), other security groups, private and VPC ranges, and the targets listed in aws.confidential.allowedEgress. The default 'all traffic to 0.0.0.0/0' egress rule fails, unless the network ACL of every confidential subnet the group is used in stops that traffic: a path is open only when both the security group and the ACL leave it open. The ACL's outbound entries are read in rule-number order, first match deciding, over the open destination less internal ranges (for a prefix list, the whole internet). Groups not attached to a workload in a confidential subnet, and the proxy's own groups, are not applicable.",
    ja: "業務に不要なサイトへのアクセスは制限する必要があるため、機密環境のワークロードのセキュリティグループが許可する送信先は、プロキシ、VPC エンドポイント（のプレフィックスリスト）、他のセキュリティグループ、プライベート・VPC のアドレス範囲、aws.confidential.allowedEgress に記載した宛先に限られます。既定の「すべてのトラフィックを 0.0.0.0/0 へ」の送信ルールは不合格です。ただし、グループを使うすべての機密サブネットのネットワーク ACL がその通信を止めている場合は除きます（経路が開いているのは、セキュリティグループと ACL の両方が開いているときだけです）。ACL の送信エントリはルール番号順に読み、最初に一致したものが決めます。対象は開いている宛先から内部アドレスを除いた範囲（プレフィックスリストならインターネット全体）です。機密サブネットのワークロードに付いていないグループとプロキシ自身のグループは対象外です。",
  },
  severity: "high",
  controls: ["NIC-1-4-5-3", "IPA-3.1-8"],
  resourceTypes: ["aws.ec2.security-group"],
  reads: ["aws.ec2.network-interface", "aws.ec2.subnet", "aws.ec2.vpc", "aws.ec2.vpc-endpoint"],
  // Egress to the proxy's address counts wherever the proxy runs (another scanned account). Network
  // ACLs are listed here so the cross-account pass keeps them, not among `reads`: an unreadable ACL
  // cannot open a path the group keeps closed, so its gap must not turn a pass into unknown.
  crossScope: ["aws.ec2.network-interface", "aws.ec2.network-acl"],
  appliesTo: ["live", "iac"],
  messages: {
    openEgress: "Security group {group} of a confidential workload allows {ports} out to {destination}",
    openThroughAcl:
      "Security group {group} of a confidential workload allows {ports} out to {destination}, and network ACL {acl} lets it out ({entry})",
  },
  remediation: {
    summary:
      "Replace the group's egress rules with one to the proxy's security group on the proxy port, plus the VPC endpoints' prefix lists and internal ranges the workload needs.",
    pulumi:
      'new aws.ec2.SecurityGroup("app", { vpcId, egress: [{ protocol: "tcp", fromPort: 3128, toPort: 3128, securityGroups: [proxySg.id] }] });',
    cli: 'aws ec2 revoke-security-group-egress --group-id <sg> --ip-permissions \'[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]\'',
  },
  check(ctx) {
    const confidential = confidentialSubnetKeys(ctx);
    const proxySet = new Set(proxyInterfaces(ctx).map((eni) => scopedKey(eni.scope, eni.id)));
    const proxyGroups = new Set(ctx.settings.confidential.proxy.securityGroupIds);
    const proxyAddresses = proxyInterfaces(ctx).flatMap((eni) =>
      eni.attributes.privateIpAddress ? [`${eni.attributes.privateIpAddress}/32`] : [],
    );
    const allowed = ctx.settings.confidential.allowedEgress;
    const aclOf = subnetAclIndex(ctx);
    const workloadGroups = new Map<string, ResourceOf<"aws.ec2.network-interface">[]>();
    for (const eni of ctx.resources("aws.ec2.network-interface")) {
      const type = eni.attributes.interfaceType ?? "interface";
      if (!WORKLOAD_INTERFACE_TYPES.has(type) || proxySet.has(scopedKey(eni.scope, eni.id))) continue;
      if (!confidential.has(scopedKey(eni.scope, eni.attributes.subnetId))) continue;
      for (const sg of eni.attributes.securityGroupIds) {
        const list = workloadGroups.get(scopedKey(eni.scope, sg)) ?? [];
        list.push(eni);
        workloadGroups.set(scopedKey(eni.scope, sg), list);
      }
    }
    const endpointPrefixLists = new Set(
      ctx
        .resources("aws.ec2.vpc-endpoint")
        .flatMap((e) => (e.attributes.prefixListId ? [scopedKey(e.scope, e.attributes.prefixListId)] : [])),
    );

    for (const group of ctx.resources("aws.ec2.security-group")) {
      if (proxyGroups.has(group.id) || allowed.securityGroupIds.includes(group.id)) {
        ctx.notApplicable(group, "The proxy's (or an allowed egress target's) own security group");
        continue;
      }
      const interfaces = workloadGroups.get(scopedKey(group.scope, group.id));
      if (!interfaces) {
        const gaps = gapsIn(ctx, group, ["aws.ec2.network-interface", "aws.ec2.subnet"]);
        if (gaps.length > 0)
          ctx.unknown(group, "Network interfaces could not be read, so its use is not known", { gaps });
        else ctx.notApplicable(group, "Not attached to a workload in a confidential subnet");
        continue;
      }
      const vpc = group.attributes.vpcId
        ? ctx.find("aws.ec2.vpc", group.scope, group.attributes.vpcId)
        : undefined;
      const internal = [
        ...allowed.cidrs,
        ...proxyAddresses,
        ...(vpc ? [...vpc.attributes.cidrBlocks, ...vpc.attributes.ipv6CidrBlocks] : []),
      ];
      const internalRange = (cidr: string) =>
        isPrivateCidr(cidr) || internal.some((range) => cidrWithin(cidr, range));
      const open: { destination: string; ports: string; rule: (typeof group.attributes.egress)[number] }[] =
        [];
      for (const rule of group.attributes.egress) {
        for (const cidr of [...rule.ipv4Ranges, ...rule.ipv6Ranges]) {
          if (!internalRange(cidr)) open.push({ destination: cidr, ports: describePorts(rule), rule });
        }
        for (const list of rule.prefixListIds) {
          if (
            !allowed.prefixListIds.includes(list) &&
            !endpointPrefixLists.has(scopedKey(group.scope, list))
          ) {
            open.push({ destination: list, ports: describePorts(rule), rule });
          }
        }
      }
      const evidence = { interfaces: interfaces.map((i) => i.id), egress: group.attributes.egress };
      if (open.length === 0) {
        ctx.pass(group, evidence);
        continue;
      }
      // Each open destination, through each confidential subnet's ACL: a prefix list's addresses are
      // not known here, so its ACL must stop all of the internet for that traffic.
      const acls = open.map(({ destination, ports, rule }) => ({
        destination,
        ports,
        subnets: judgeSubnetAcls(interfaces, aclOf, {
          egress: true,
          protocol: rule.protocol,
          ...(rule.fromPort === undefined ? {} : { fromPort: rule.fromPort }),
          ...(rule.toPort === undefined ? {} : { toPort: rule.toPort }),
          addresses: destination.startsWith("pl-") ? ["0.0.0.0/0", "::/0"] : [destination],
          excluding: [...PRIVATE_RANGES, ...internal],
        }),
      }));
      const through = (state: SubnetAclVerdict["state"]) =>
        acls.flatMap((item) => item.subnets.filter((s) => s.state === state).map((s) => ({ item, s })));
      const leaks = through("open");
      const failing = {
        ...evidence,
        open: open.map(({ destination, ports }) => ({ destination, ports })),
        acls,
      };
      const data = { group: `${group.id} (${group.name})` };
      const first = leaks[0];
      if (first?.s.acl)
        ctx.fail(
          group,
          "openThroughAcl",
          {
            ...data,
            ports: first.item.ports,
            destination: first.item.destination,
            acl: first.s.acl,
            entry: first.s.opensAt!,
          },
          failing,
        );
      else if (first)
        ctx.fail(
          group,
          "openEgress",
          {
            ...data,
            ports: first.item.ports,
            destination: [...new Set(leaks.map((l) => l.item.destination))].join(", "),
          },
          failing,
        );
      else if (through("unreadable").length > 0)
        ctx.unknown(
          group,
          "The group allows egress beyond the proxy; whether a confidential subnet's network ACL stops it could not be read",
          failing,
        );
      else ctx.pass(group, failing);
    }
  },
});
