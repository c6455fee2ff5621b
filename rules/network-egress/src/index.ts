import type { AnyRule } from "@itaku/core";
import egressAdminPortsOpen from "./egress-admin-ports-open";
import egressProxyDefined from "./egress-proxy-defined";
import egressSecurityGroupOpenEgress from "./egress-security-group-open-egress";
import egressSubnetDirectInternetRoute from "./egress-subnet-direct-internet-route";
import egressSubnetS3GatewayEndpoint from "./egress-subnet-s3-gateway-endpoint";

/** The rules of this package, one per file; the file name equals the rule id. */
export const rules: AnyRule[] = [
  egressAdminPortsOpen,
  egressProxyDefined,
  egressSecurityGroupOpenEgress,
  egressSubnetDirectInternetRoute,
  egressSubnetS3GatewayEndpoint,
];
