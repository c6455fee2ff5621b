// Describing security group rules in findings: protocol and port range, as the console shows them.
import type { ResourceOf } from "@itaku/core";

export type SecurityGroupRule = ResourceOf<"aws.ec2.security-group">["attributes"]["egress"][number];

const PROTOCOL_NAMES: Record<string, string> = {
  "-1": "all",
  "6": "tcp",
  "17": "udp",
  "1": "icmp",
  "58": "icmpv6",
};

export const protocolName = (protocol: string): string => PROTOCOL_NAMES[protocol] ?? protocol.toLowerCase();

export function describePorts(rule: SecurityGroupRule): string {
  const protocol = protocolName(rule.protocol);
  if (protocol === "all") return "all traffic";
  if (
    rule.fromPort === undefined ||
    rule.toPort === undefined ||
    (rule.fromPort <= 0 && rule.toPort >= 65535) ||
    rule.fromPort === -1
  )
    return `${protocol} all ports`;
  return rule.fromPort === rule.toPort
    ? `${protocol} ${rule.fromPort}`
    : `${protocol} ${rule.fromPort}-${rule.toPort}`;
}

/** True when the rule lets `port` through over TCP (or every protocol). */
export function coversTcpPort(rule: SecurityGroupRule, port: number): boolean {
  const protocol = protocolName(rule.protocol);
  if (protocol === "all") return true;
  if (protocol !== "tcp") return false;
  if (rule.fromPort === undefined || rule.toPort === undefined || rule.fromPort === -1) return true;
  return rule.fromPort <= port && port <= rule.toPort;
}
