// What `itaku audit` loads: the runner, the period and the file and S3 sources — without the DuckDB
// and Athena modules, whose native code the CLI bundle must not pull in for every audit.

export { type OrganizationAuditAccount, organizationSources } from "./organization-sources";
export { type AuditPeriod, PeriodError, resolvePeriod } from "./period";
export { auditRunResult, runAudit } from "./runner";
export { LocalSource, LocalSourceError } from "./sources/local";
export { S3LocationError, S3Source } from "./sources/s3";
