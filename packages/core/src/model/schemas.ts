// Attribute schemas per provider, for collectors that want to validate what they build.
export * as ad from "./ad";
export * as aws from "./aws";
export * as itaku from "./itaku";
