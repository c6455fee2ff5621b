// @itaku/collector-pulumi: Pulumi resources → Snapshot (origin "iac"), in the same normalized model the
// live collectors write, from a stack export, a preview, or a program run under runtime mocks.

export { type RecordingMocks, recordingMocks } from "./mocks";
export type { MockedResource, PulumiRecord, RawResource, RecordSet } from "./records";
export { parseUrn, readMockedResources, readPreview, readRawResources, readStackExport } from "./records";
export {
  type PulumiSnapshotOptions,
  snapshotFromMockedResources,
  snapshotFromPreview,
  snapshotFromPreviewFile,
  snapshotFromRecords,
  snapshotFromStackExport,
  snapshotFromStackExportFile,
} from "./snapshot";
export { PREVIEW_SECRET, UNKNOWN_SENTINELS } from "./values";
