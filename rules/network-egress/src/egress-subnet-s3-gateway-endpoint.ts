import { confidentialSubnetKeys, defineRule, effectiveRouteTable, gapsIn, scopedKey } from "@itaku/core";
import { z } from "zod";

export default defineRule({
  id: "egress-subnet-s3-gateway-endpoint",
  title: {
    en: "Confidential subnets reach S3 through a gateway endpoint",
    ja: "機密環境のサブネットは S3 にゲートウェイエンドポイント経由で到達する",
  },
  description: {
    en: "Data a confidential workload keeps in S3 (and, when configured, DynamoDB) need not travel the internet path: a gateway endpoint in the subnet's effective route table (its explicit association, else the VPC's main table) keeps it inside AWS's network, where an endpoint policy can limit it to the vendor's own buckets. This is hardening advice, not a clause of the contract: without the endpoint the traffic still goes through the proxy, which the clause asks for, so the rule backs no control and its severity is info.",
    ja: "機密環境のワークロードが S3（設定すれば DynamoDB も）に置くデータは、インターネット経路を通る必要はありません。サブネットの実効ルートテーブル（明示的な関連付け、なければ VPC のメインルートテーブル）にゲートウェイエンドポイントがあれば通信は AWS のネットワーク内にとどまり、エンドポイントポリシーで自社のバケットに限定できます。これは契約条項ではなく強化のための助言です。エンドポイントがなくても通信は条項が求めるプロキシを経由するため、このルールはどの管理策にも対応付けず、重大度は info です。",
  },
  severity: "info",
  controls: [],
  resourceTypes: ["aws.ec2.subnet"],
  reads: ["aws.ec2.route-table", "aws.ec2.vpc-endpoint"],
  appliesTo: ["live", "iac"],
  options: z
    .object({
      services: z
        .array(z.enum(["s3", "dynamodb"]))
        .min(1)
        .default(["s3"]),
    })
    .strict(),
  optionDocs: {
    services:
      'The services that need a gateway endpoint (default ["s3"]; add "dynamodb" when the work keeps data there).',
  },
  messages: {
    missing:
      "Confidential subnet {subnet} has no {service} gateway endpoint in its route table {routeTable} ({association})",
  },
  remediation: {
    summary:
      "Create a gateway endpoint for the service in the confidential subnets' VPC and add their route table to it (gateway endpoints cost nothing); give it a policy limited to the vendor's buckets.",
    pulumi:
      'new aws.ec2.VpcEndpoint("s3", { vpcId, serviceName: "com.amazonaws.ap-northeast-1.s3", vpcEndpointType: "Gateway", routeTableIds: [confidentialRouteTable.id] });',
    cli: "aws ec2 create-vpc-endpoint --vpc-id <vpc> --vpc-endpoint-type Gateway --service-name com.amazonaws.<region>.s3 --route-table-ids <rtb>",
  },
  check(ctx, { services }) {
    const confidential = confidentialSubnetKeys(ctx);
    // Gateway endpoints by scoped route table, with the service each serves ("s3", "dynamodb").
    const servedByTable = new Map<string, Set<string>>();
    const endpointService = new Map<string, string>();
    for (const endpoint of ctx.resources("aws.ec2.vpc-endpoint")) {
      if (endpoint.attributes.endpointType !== "Gateway") continue;
      const service = endpoint.attributes.serviceName.split(".").at(-1) ?? "";
      endpointService.set(scopedKey(endpoint.scope, endpoint.id), service);
      for (const table of endpoint.attributes.routeTableIds) {
        const key = scopedKey(endpoint.scope, table);
        const served = servedByTable.get(key);
        if (served) served.add(service);
        else servedByTable.set(key, new Set([service]));
      }
    }
    for (const subnet of ctx.resources("aws.ec2.subnet")) {
      if (!confidential.has(scopedKey(subnet.scope, subnet.id))) {
        ctx.notApplicable(subnet, "Not part of the confidential environment");
        continue;
      }
      const effective = effectiveRouteTable(ctx, subnet);
      if (!effective) {
        ctx.unknown(subnet, "Neither an associated route table nor the VPC's main table was collected");
        continue;
      }
      const { table, association } = effective;
      const served = new Set(servedByTable.get(scopedKey(table.scope, table.id)));
      // The table's own routes name the endpoint too (a route to its prefix list).
      for (const route of table.attributes.routes) {
        const service =
          route.target.type === "vpc-endpoint"
            ? endpointService.get(scopedKey(table.scope, route.target.id))
            : undefined;
        if (service) served.add(service);
      }
      const evidence = { routeTable: table.id, association, gatewayEndpointServices: [...served].sort() };
      const missing = services.filter((service) => !served.has(service));
      if (missing.length === 0) {
        ctx.pass(subnet, evidence);
        continue;
      }
      const gaps = gapsIn(ctx, subnet, ["aws.ec2.vpc-endpoint"]);
      if (gaps.length > 0) {
        ctx.unknown(subnet, "The VPC endpoints could not be read", { ...evidence, gaps });
        continue;
      }
      ctx.fail(
        subnet,
        "missing",
        { subnet: subnet.id, service: missing.join(", "), routeTable: table.id, association },
        { ...evidence, missing },
      );
    }
  },
});
