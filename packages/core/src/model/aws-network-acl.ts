// Network ACLs: the stateless, numbered allow/deny lists on subnets, read in rule-number order,
// the first matching entry deciding.
import { z } from "zod";

export const awsNetworkAclEntry = z.object({
  ruleNumber: z.number().int(),
  egress: z.boolean(),
  /** IANA protocol number as a string ("6" tcp, "17" udp, "1" icmp); "-1" means all protocols. */
  protocol: z.string(),
  action: z.enum(["allow", "deny"]),
  cidrBlock: z.string().optional(),
  ipv6CidrBlock: z.string().optional(),
  /** TCP/UDP port range; absent: every port. */
  fromPort: z.number().int().optional(),
  toPort: z.number().int().optional(),
});

export const awsNetworkAcl = z.object({
  networkAclId: z.string(),
  vpcId: z.string(),
  /** The VPC's default ACL, which every subnet without an explicit association uses. */
  isDefault: z.boolean(),
  subnetIds: z.array(z.string()),
  /** Absent: the entries could not be read whole, so no path through this ACL can be judged. */
  entries: z.array(awsNetworkAclEntry).optional(),
});
