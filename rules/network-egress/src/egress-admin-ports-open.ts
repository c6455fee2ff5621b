import { defineRule, gapsIn, scopedKey } from "@itaku/core";
import { z } from "zod";
import { isAnywhere } from "./cidr";
import { FINAL_DENY } from "./network-acl-paths";
import { coversTcpPort, describePorts } from "./security-group-rules";
import { interfacesByGroup, judgeSubnetAcls, subnetAclIndex } from "./subnet-acls";

export default defineRule({
  id: "egress-admin-ports-open",
  title: {
    en: "No administration port is open to the internet",
    ja: "管理用ポートがインターネットに開いていない",
  },
  description: {
    en: "Remote diagnostic and administration ports are to be opened only when needed, and never to everyone. No security group may allow SSH (22), RDP (3389) or another configured admin port in from 0.0.0.0/0 or ::/0, unless the network ACL of every subnet the group is used in stops it: a path is open only when both leave it open. The ACL's inbound entries are read in rule-number order, first match deciding; the port counts as open when an allow entry for the whole internet (0.0.0.0/0 or ::/0) decides for part of it (an allow for known addresses does not, as for security groups). A group attached to nothing is judged on its own rules. Return traffic (the ACL's outbound ephemeral ports) is not judged.",
    ja: "リモート診断・管理用のポートは必要なときだけ開き、誰にでも開いてはなりません。どのセキュリティグループも、SSH（22）、RDP（3389）その他指定した管理用ポートへの 0.0.0.0/0 または ::/0 からの受信を許可してはなりません。ただし、グループを使うすべてのサブネットのネットワーク ACL がそれを止めている場合は除きます（経路が開いているのは両方が開いているときだけです）。ACL の受信エントリはルール番号順に読み、最初に一致したものが決めます。インターネット全体（0.0.0.0/0 または ::/0）に対する許可エントリがポートの一部について決める場合に開いているとみなします（セキュリティグループと同様、既知のアドレスに限った許可は該当しません）。どこにも付いていないグループは自身のルールだけで判定します。戻りの通信（ACL の送信側のエフェメラルポート）は判定しません。",
  },
  severity: "critical",
  controls: ["IPA-4.1-8", "IPA-4.1-9", "NIC-1-4-5-1"],
  resourceTypes: ["aws.ec2.security-group"],
  appliesTo: ["live", "iac"],
  options: z
    .object({
      adminPorts: z.array(z.number().int().min(1).max(65535)).default([22, 3389]),
    })
    .strict(),
  optionDocs: {
    adminPorts:
      "TCP ports that must not be open to the internet (default SSH 22 and RDP 3389; add 5985/5986 for WinRM, 5432 for databases…).",
  },
  messages: {
    openToInternet: "Security group {group} allows port {port} ({rule}) in from {source}",
    openThroughAcl:
      "Security group {group} allows port {port} ({rule}) in from {source}, and network ACL {acl} lets it in ({entry})",
  },
  remediation: {
    summary:
      "Remove the rule; reach instances through Session Manager or a bastion reachable only from known addresses. A deny for the port from 0.0.0.0/0 and ::/0 in the subnet's network ACL, numbered before its broad allow, closes the path too.",
    pulumi: 'ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.10/32"] }]',
    cli: "aws ec2 revoke-security-group-ingress --group-id <sg> --protocol tcp --port 22 --cidr 0.0.0.0/0",
  },
  check(ctx, { adminPorts }) {
    const interfacesOf = interfacesByGroup(ctx);
    const aclOf = subnetAclIndex(ctx);
    for (const group of ctx.resources("aws.ec2.security-group")) {
      const open: { port: number; source: string; rule: string }[] = [];
      for (const rule of group.attributes.ingress) {
        for (const source of [...rule.ipv4Ranges, ...rule.ipv6Ranges].filter(isAnywhere)) {
          for (const port of adminPorts) {
            if (coversTcpPort(rule, port)) open.push({ port, source, rule: describePorts(rule) });
          }
        }
      }
      if (open.length === 0) {
        ctx.pass(group);
        continue;
      }
      const groupName = `${group.id} (${group.name})`;
      const interfaces = interfacesOf.get(scopedKey(group.scope, group.id)) ?? [];
      if (interfaces.length === 0) {
        const gaps = gapsIn(ctx, group, ["aws.ec2.network-interface"]);
        // Attached to nothing, nothing stands in front of it: whatever it is attached to next is open.
        if (gaps.length > 0)
          ctx.unknown(
            group,
            "The group lets an admin port in from anywhere; its interfaces could not be read",
            {
              open,
              gaps,
            },
          );
        else ctx.fail(group, "openToInternet", { group: groupName, ...open[0]! }, { open, interfaces: [] });
        continue;
      }
      // Per open port and subnet: does the subnet's ACL let it in from the whole internet?
      const acls = open.map((item) => ({
        ...item,
        subnets: judgeSubnetAcls(
          interfaces,
          aclOf,
          { egress: false, protocol: "6", fromPort: item.port, toPort: item.port, addresses: [item.source] },
          (entry) => entry !== FINAL_DENY && isAnywhere(entry.cidrBlock ?? entry.ipv6CidrBlock ?? ""),
        ),
      }));
      const evidence = { open, interfaces: interfaces.map((i) => i.id), acls };
      const leak = acls.flatMap((item) =>
        item.subnets.filter((s) => s.state === "open").map((s) => ({ item, s })),
      )[0];
      if (leak) {
        const { item, s } = leak;
        const data = { group: groupName, port: item.port, rule: item.rule, source: item.source };
        if (s.acl) ctx.fail(group, "openThroughAcl", { ...data, acl: s.acl, entry: s.opensAt! }, evidence);
        else ctx.fail(group, "openToInternet", data, evidence);
      } else if (acls.some((item) => item.subnets.some((s) => s.state === "unreadable")))
        ctx.unknown(
          group,
          "The group lets an admin port in from anywhere; whether a subnet's network ACL stops it could not be read",
          evidence,
        );
      else ctx.pass(group, evidence);
    }
  },
});
