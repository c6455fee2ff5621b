// How long one network ACL judgement takes: which entries decide for a slice of traffic (addresses ×
// protocols × ports, cut into cells along every boundary). The admin-port and open-egress rules run
// it once per open security group rule and subnet, so its cost is what NACLs add to a scan.
// AWS allows at most 40 entries per direction (20 by default); typical ACLs have 4–8.
import {
  type AclEntry,
  decidersFor,
  type TrafficSlice,
} from "../../rules/network-egress/src/network-acl-paths";

const PROTOCOLS = ["-1", "6", "17"];
const acl = (count: number): AclEntry[] =>
  Array.from({ length: count }, (_, i) => ({
    ruleNumber: 10 * (i + 1),
    egress: false,
    protocol: PROTOCOLS[i % 3]!,
    action: i % 2 ? "allow" : "deny",
    cidrBlock: `${11 + i}.${i}.0.0/${16 + (i % 9)}`,
    fromPort: 1000 * i,
    toPort: 1000 * i + 500,
  }));
// The open-egress rule's slice: all traffic to the internet less the private ranges.
const slice: TrafficSlice = {
  egress: false,
  protocol: "-1",
  addresses: ["0.0.0.0/0"],
  excluding: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"],
};

console.log("entries  calls   per call");
for (const entries of [4, 8, 20, 40]) {
  const list = acl(entries);
  decidersFor(list, slice); // warm up
  const calls = Math.max(100, Math.round(40_000 / entries));
  const started = performance.now();
  for (let i = 0; i < calls; i++) decidersFor(list, slice);
  const perCall = ((performance.now() - started) / calls) * 1000;
  console.log(
    `${String(entries).padStart(7)}  ${String(calls).padStart(5)}  ${perCall.toFixed(0).padStart(6)} µs`,
  );
}
