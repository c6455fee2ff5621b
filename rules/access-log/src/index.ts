// Detections over CloudTrail events (the access-log audit), one per file; the file name equals the id.
import type { AnyDetection } from "@itaku/core";
import accessAssumeRoleExternal from "./access-assume-role-external";
import accessConfidentialData from "./access-confidential-data";
import accessConsoleLoginFailures from "./access-console-login-failures";
import accessConsoleLoginWithoutMfa from "./access-console-login-without-mfa";
import accessLeaverActivity from "./access-leaver-activity";
import accessLogTampering from "./access-log-tampering";
import accessOffHours from "./access-off-hours";
import accessPrincipalUnmatched from "./access-principal-unmatched";
import accessPrivilegeChange from "./access-privilege-change";
import accessRootActivity from "./access-root-activity";
import accessSourceFirstSeen from "./access-source-first-seen";
import accessSourceNotAllowed from "./access-source-not-allowed";

/** In the order reports list them: sign-ins, people and principals, sources and hours, changes, data. */
export const detections: AnyDetection[] = [
  accessConsoleLoginFailures,
  accessConsoleLoginWithoutMfa,
  accessRootActivity,
  accessLeaverActivity,
  accessPrincipalUnmatched,
  accessSourceNotAllowed,
  accessSourceFirstSeen,
  accessOffHours,
  accessLogTampering,
  accessPrivilegeChange,
  accessAssumeRoleExternal,
  accessConfidentialData,
];
