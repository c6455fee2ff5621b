// Detections over CloudTrail events (the access-log audit), one per file; the file name equals the id.
import type { AnyDetection } from "@itaku/core";
import accessConsoleLoginFailures from "./access-console-login-failures";
import accessConsoleLoginWithoutMfa from "./access-console-login-without-mfa";
import accessLeaverActivity from "./access-leaver-activity";
import accessRootActivity from "./access-root-activity";

export const detections: AnyDetection[] = [
  accessConsoleLoginFailures,
  accessConsoleLoginWithoutMfa,
  accessRootActivity,
  accessLeaverActivity,
];
