// The access-log audit's I/O side: CloudTrail event sources (local copy, S3 archive, LookupEvents,
// Athena, DuckDB), identity mapping and the runner that folds events into detections.
export type { CloudTrailEvent, EventSink, EventSinkModule } from "@itaku/core";
export {
  type AthenaDdlOptions,
  athenaDdl,
  CLOUDTRAIL_COLUMNS,
  CLOUDTRAIL_TABLE,
  parseTableName,
  validateAthenaDdlOptions,
} from "./athena-ddl";
export { CloudTrailDuckDb, cloudTrailViewSql, findLogFiles, type QueryResult, TRINO_SHIMS } from "./duckdb";
export {
  type OrganizationAuditAccount,
  type OrganizationSources,
  organizationSources,
} from "./organization-sources";
export { type AuditPeriod, PeriodError, resolvePeriod, startOfLocalDay } from "./period";
export {
  type PushdownScope,
  type PushdownStats,
  pushdownQueries,
  type QueryEngine,
  type QueryRows,
  runPushdown,
  timeBucketFor,
} from "./pushdown";
export {
  type AuditRun,
  type AuditRunInput,
  auditRunResult,
  coverageOf,
  MemorySource,
  resultGap,
  runAudit,
} from "./runner";
export {
  AthenaQueryError,
  type AthenaResult,
  type AthenaSettings,
  athenaCostUsd,
  type QueryParameter,
  runAthenaQuery,
  type TemplateQuery,
} from "./sources/athena";
export { AthenaSource, type AthenaSourceSettings } from "./sources/athena-source";
export { loadSinkModule } from "./sources/file-pool";
export { LocalSource, LocalSourceError, type LocalSourceSettings } from "./sources/local";
export {
  LOOKUP_EVENTS_LIMITS,
  LOOKUP_EVENTS_PAGE_SIZE,
  type LookupEventsProgress,
  type LookupEventsReport,
  LookupEventsSource,
  type LookupEventsSourceOptions,
  lookupEventsBucket,
  readLookupEvents,
} from "./sources/lookup-events";
export {
  type OrganizationLookupEventsOptions,
  organizationLookupEventsSources,
} from "./sources/organization-lookup-events";
export {
  ArchiveUnreadableError,
  parseS3Url,
  S3LocationError,
  S3Source,
  type S3SourceSettings,
} from "./sources/s3";
export { type ArchiveCopy, copyArchivePeriod } from "./sources/s3-copy";
export type {
  AuditGap,
  AuditGapCode,
  AuditWindow,
  EventSource,
  ReadOptions,
  SinkSpec,
  SourceKind,
  SourceProgress,
  SourceReport,
  SourceResult,
} from "./sources/types";
