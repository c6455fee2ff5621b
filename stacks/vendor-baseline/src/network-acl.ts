// The confidential subnets' network ACL: a second gate behind the security groups. Admin ports are
// denied from the internet; inside the VPC everything passes (the security groups decide there); to the
// internet only HTTPS and its replies, which S3 needs through the gateway endpoint (an ACL cannot name
// the endpoint's prefix list, so it names 0.0.0.0/0; the route table sends nothing else out).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ConfidentialNetwork } from "./network";

export interface ConfidentialSubnetAclArgs {
  network: ConfidentialNetwork;
  vpcCidr: string;
  namePrefix: string;
  tags: Record<string, string>;
}

/** Entries as the provider's inline `ingress`/`egress` take them; rule numbers leave room between. */
export function confidentialAclEntries(vpcCidr: string) {
  const all = { protocol: "-1", fromPort: 0, toPort: 0 };
  const tcp = (fromPort: number, toPort = fromPort) => ({ protocol: "tcp", fromPort, toPort });
  return {
    ingress: [
      { ruleNo: 100, action: "allow", cidrBlock: vpcCidr, ...all },
      { ruleNo: 110, action: "deny", cidrBlock: "0.0.0.0/0", ...tcp(22) },
      { ruleNo: 111, action: "deny", cidrBlock: "0.0.0.0/0", ...tcp(3389) },
      { ruleNo: 120, action: "allow", cidrBlock: "0.0.0.0/0", ...tcp(1024, 65535) },
    ],
    egress: [
      { ruleNo: 100, action: "allow", cidrBlock: vpcCidr, ...all },
      { ruleNo: 110, action: "allow", cidrBlock: "0.0.0.0/0", ...tcp(443) },
    ],
  };
}

export class ConfidentialSubnetAcl extends pulumi.ComponentResource {
  readonly acl: aws.ec2.NetworkAcl;

  constructor(name: string, args: ConfidentialSubnetAclArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:vendor-baseline:ConfidentialSubnetAcl", name, {}, opts);
    this.acl = new aws.ec2.NetworkAcl(
      name,
      {
        vpcId: args.network.vpc.id,
        subnetIds: args.network.confidentialSubnets.map((s) => s.id),
        ...confidentialAclEntries(args.vpcCidr),
        tags: { ...args.tags, Name: `${args.namePrefix}-confidential` },
      },
      { parent: this },
    );
    this.registerOutputs({ networkAclId: this.acl.id });
  }
}
