import type { AnyRule } from "@itaku/core";
import detectionAntivirusMissing from "./detection-antivirus-missing";
import detectionConfigRecorder from "./detection-config-recorder";
import detectionForbiddenSoftware from "./detection-forbidden-software";
import detectionGuarddutyEnabled from "./detection-guardduty-enabled";
import detectionInspector2Enabled from "./detection-inspector2-enabled";
import detectionInstanceNotSsmManaged from "./detection-instance-not-ssm-managed";
import detectionPatchCompliance from "./detection-patch-compliance";
import detectionSecurityHubStandards from "./detection-security-hub-standards";

/** The rules of this package, one per file; the file name equals the rule id. */
export const rules: AnyRule[] = [
  detectionPatchCompliance,
  detectionInstanceNotSsmManaged,
  detectionAntivirusMissing,
  detectionForbiddenSoftware,
  detectionGuarddutyEnabled,
  detectionSecurityHubStandards,
  detectionConfigRecorder,
  detectionInspector2Enabled,
];
