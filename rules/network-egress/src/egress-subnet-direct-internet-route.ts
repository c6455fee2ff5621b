import {
  confidentialSubnetKeys,
  defineRule,
  effectiveRouteTable,
  proxyInterfaces,
  type ResourceOf,
  scopedKey,
} from "@itaku/core";
import { isAnywhere, isPrivateCidr, parseCidr } from "./cidr";

type Route = ResourceOf<"aws.ec2.route-table">["attributes"]["routes"][number];

const INTERNET_GATEWAYS = new Set([
  "internet-gateway",
  "egress-only-internet-gateway",
  "nat-gateway",
  "carrier-gateway",
]);

export default defineRule({
  id: "egress-subnet-direct-internet-route",
  title: {
    en: "Confidential subnets reach the internet only through the proxy or firewall",
    ja: "機密環境のサブネットはプロキシまたはファイアウォール経由でのみインターネットに出る",
  },
  description: {
    en: "External traffic must pass through a proxy or gateway. A confidential subnet's effective route table (its explicit association, else the VPC's main table) must not send internet-bound traffic (0.0.0.0/0, ::/0 or any public range) straight to an internet, NAT, egress-only or carrier gateway; its default route may go to a Network Firewall endpoint, a VPC endpoint, the proxy's interface or instance, or another network (transit gateway, peering, VPN). Subnets holding the proxy or a firewall endpoint are the egress path itself and are not applicable.",
    ja: "外部との通信はプロキシまたはゲートウェイを経由する必要があります。機密環境のサブネットの実効ルートテーブル（明示的な関連付け、なければ VPC のメインルートテーブル）は、インターネット向けの通信（0.0.0.0/0、::/0 その他のグローバルアドレス）をインターネットゲートウェイ、NAT ゲートウェイ、Egress-only ゲートウェイ、キャリアゲートウェイへ直接送ってはなりません。デフォルトルートの宛先は Network Firewall のエンドポイント、VPC エンドポイント、プロキシのインターフェースまたはインスタンス、他のネットワーク（Transit Gateway、ピアリング、VPN）に限られます。プロキシやファイアウォールのエンドポイントを置くサブネットは送信経路そのものであり対象外です。",
  },
  severity: "critical",
  controls: ["NIC-1-4-5-3", "IPA-3.1-8"],
  resourceTypes: ["aws.ec2.subnet"],
  reads: [
    "aws.ec2.route-table",
    "aws.ec2.nat-gateway",
    "aws.ec2.network-interface",
    "aws.network-firewall.firewall",
  ],
  appliesTo: ["live", "iac"],
  messages: {
    directRoute:
      "Confidential subnet {subnet} routes {destination} straight to {target} (route table {routeTable}, {association})",
    notThroughProxy:
      "Confidential subnet {subnet} sends its default route {destination} to {target}, which is not the proxy (route table {routeTable}, {association})",
  },
  remediation: {
    summary:
      "Point the subnet's default route at the Network Firewall endpoint or the proxy's interface, and associate the subnet with that table explicitly (the main table is a poor place for it).",
    pulumi:
      'new aws.ec2.Route("confidential-default", { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", vpcEndpointId: firewallEndpointId });',
    cli: "aws ec2 replace-route --route-table-id <rtb> --destination-cidr-block 0.0.0.0/0 --vpc-endpoint-id <firewall-endpoint>",
  },
  check(ctx) {
    const confidential = confidentialSubnetKeys(ctx);
    const proxy = proxyInterfaces(ctx);
    const proxyTargets = new Set([
      ...proxy.map((eni) => scopedKey(eni.scope, eni.id)),
      ...proxy.flatMap((eni) =>
        eni.attributes.instanceId ? [scopedKey(eni.scope, eni.attributes.instanceId)] : [],
      ),
      ...ctx.settings.confidential.proxy.instanceIds.map((id) => `*/${id}`),
      ...ctx.settings.confidential.proxy.networkInterfaceIds.map((id) => `*/${id}`),
    ]);
    const { cidrs: allowedCidrs, prefixListIds } = ctx.settings.confidential.allowedEgress;
    const internetBound = (route: Route): boolean =>
      route.destination.startsWith("pl-")
        ? !prefixListIds.includes(route.destination)
        : parseCidr(route.destination) === undefined || !isPrivateCidr(route.destination, allowedCidrs);

    // The subnets the egress path itself runs through must reach the internet; they are the gateway.
    const egressPath = new Set([
      ...proxy.map((eni) => scopedKey(eni.scope, eni.attributes.subnetId)),
      ...ctx
        .resources("aws.network-firewall.firewall")
        .flatMap((fw) => fw.attributes.subnetIds.map((id) => scopedKey(fw.scope, id))),
    ]);

    for (const subnet of ctx.resources("aws.ec2.subnet")) {
      if (!confidential.has(scopedKey(subnet.scope, subnet.id))) {
        ctx.notApplicable(subnet, "Not part of the confidential environment");
        continue;
      }
      if (egressPath.has(scopedKey(subnet.scope, subnet.id))) {
        ctx.notApplicable(subnet, "Hosts the egress path itself (the proxy or a Network Firewall endpoint)");
        continue;
      }
      const effective = effectiveRouteTable(ctx, subnet);
      if (!effective) {
        ctx.unknown(subnet, "Neither an associated route table nor the VPC's main table was collected");
        continue;
      }
      const { table, association } = effective;
      const where = { subnet: subnet.id, routeTable: table.id, association };
      const evidence = { routeTable: table.id, association, routes: table.attributes.routes };
      const active = table.attributes.routes.filter((r) => r.state === "active");
      const direct = active.find((route) => {
        if (!INTERNET_GATEWAYS.has(route.target.type) || !internetBound(route)) return false;
        if (route.target.type !== "nat-gateway") return true;
        // A private NAT gateway cannot reach the internet.
        const nat = ctx.find("aws.ec2.nat-gateway", subnet.scope, route.target.id);
        return nat?.attributes.connectivityType !== "private";
      });
      if (direct) {
        ctx.fail(
          subnet,
          "directRoute",
          { ...where, destination: direct.destination, target: direct.target.id },
          evidence,
        );
        continue;
      }
      const viaOther = active.find(
        (route) =>
          isAnywhere(route.destination) &&
          (route.target.type === "instance" || route.target.type === "network-interface") &&
          !proxyTargets.has(scopedKey(subnet.scope, route.target.id)) &&
          !proxyTargets.has(`*/${route.target.id}`),
      );
      if (viaOther) {
        ctx.fail(
          subnet,
          "notThroughProxy",
          { ...where, destination: viaOther.destination, target: viaOther.target.id },
          evidence,
        );
        continue;
      }
      if (active.some((route) => isAnywhere(route.destination) && route.target.type === "unknown")) {
        ctx.unknown(
          subnet,
          "The default route's target is of a kind the collector did not recognise",
          evidence,
        );
        continue;
      }
      ctx.pass(subnet, evidence);
    }
  },
});
