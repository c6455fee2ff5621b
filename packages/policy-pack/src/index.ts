// @itaku/policy-pack: itaku's IaC-applicable rules as Pulumi CrossGuard policies.

export { loadPackOptions } from "./pack-options";
export { configSchemaOf, enforcementOf, type ItakuPolicyOptions, itakuPolicies } from "./policies";
export { rawProps, snapshotFromPolicyResources } from "./policy-resources";
