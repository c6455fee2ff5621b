import { defineRule } from "@itaku/core";
import { z } from "zod";
import { isAnywhere } from "./cidr";
import { coversTcpPort, describePorts } from "./security-group-rules";

export default defineRule({
  id: "egress-admin-ports-open",
  title: {
    en: "No administration port is open to the internet",
    ja: "管理用ポートがインターネットに開いていない",
  },
  description: {
    en: "Remote diagnostic and administration ports are to be opened only when needed, and never to everyone. No security group may allow SSH (22), RDP (3389) or another configured admin port in from 0.0.0.0/0 or ::/0.",
    ja: "リモート診断・管理用のポートは必要なときだけ開き、誰にでも開いてはなりません。どのセキュリティグループも、SSH（22）、RDP（3389）その他指定した管理用ポートへの 0.0.0.0/0 または ::/0 からの受信を許可してはなりません。",
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
  },
  remediation: {
    summary:
      "Remove the rule; reach instances through Session Manager or a bastion reachable only from known addresses.",
    pulumi: 'ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.10/32"] }]',
    cli: "aws ec2 revoke-security-group-ingress --group-id <sg> --protocol tcp --port 22 --cidr 0.0.0.0/0",
  },
  check(ctx, { adminPorts }) {
    for (const group of ctx.resources("aws.ec2.security-group")) {
      const open: { port: number; source: string; rule: string }[] = [];
      for (const rule of group.attributes.ingress) {
        for (const source of [...rule.ipv4Ranges, ...rule.ipv6Ranges].filter(isAnywhere)) {
          for (const port of adminPorts) {
            if (coversTcpPort(rule, port)) open.push({ port, source, rule: describePorts(rule) });
          }
        }
      }
      if (open.length === 0) ctx.pass(group);
      else {
        const first = open[0]!;
        ctx.fail(group, "openToInternet", { group: `${group.id} (${group.name})`, ...first }, { open });
      }
    }
  },
});
