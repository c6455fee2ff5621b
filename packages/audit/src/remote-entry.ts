// What the CLI loads for LookupEvents, Athena and athena-ddl: without the DuckDB module, whose native
// binding stays outside the CLI bundle and loads only for `audit query`.
export { athenaDdl } from "./athena-ddl";
export { timeBucketFor } from "./pushdown";
export { AthenaQueryError } from "./sources/athena";
export { AthenaSource } from "./sources/athena-source";
export { LookupEventsSource } from "./sources/lookup-events";
export { organizationLookupEventsSources } from "./sources/organization-lookup-events";
