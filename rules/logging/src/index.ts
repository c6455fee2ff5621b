import type { AnyRule } from "@itaku/core";
import loggingBucketEncrypted from "./logging-bucket-encrypted";
import loggingBucketPublicAccessBlocked from "./logging-bucket-public-access-blocked";
import loggingCisMetricAlarms from "./logging-cis-metric-alarms";
import loggingCloudtrailBucketAccessLogging from "./logging-cloudtrail-bucket-access-logging";
import loggingCloudtrailEnabled from "./logging-cloudtrail-enabled";
import loggingCloudtrailKmsEncryption from "./logging-cloudtrail-kms-encryption";
import loggingCloudtrailLogFileValidation from "./logging-cloudtrail-log-file-validation";
import loggingCloudtrailManagementEvents from "./logging-cloudtrail-management-events";
import loggingCloudtrailMultiRegion from "./logging-cloudtrail-multi-region";
import loggingCloudtrailRetention from "./logging-cloudtrail-retention";
import loggingCloudtrailTrailLogging from "./logging-cloudtrail-trail-logging";
import loggingFlowLogsRetention from "./logging-flow-logs-retention";
import loggingLogGroupKmsEncryption from "./logging-log-group-kms-encryption";
import loggingNetworkFirewallLogRetention from "./logging-network-firewall-log-retention";
import loggingNetworkFirewallLogging from "./logging-network-firewall-logging";
import loggingProxyLogRetention from "./logging-proxy-log-retention";
import loggingVpcFlowLogs from "./logging-vpc-flow-logs";

/** The rules of this package, one per file; the file name equals the rule id. */
export const rules: AnyRule[] = [
  loggingBucketEncrypted,
  loggingBucketPublicAccessBlocked,
  loggingCloudtrailEnabled,
  loggingCloudtrailKmsEncryption,
  loggingCloudtrailLogFileValidation,
  loggingCloudtrailManagementEvents,
  loggingCloudtrailMultiRegion,
  loggingCloudtrailRetention,
  loggingCloudtrailTrailLogging,
  loggingFlowLogsRetention,
  loggingNetworkFirewallLogRetention,
  loggingNetworkFirewallLogging,
  loggingProxyLogRetention,
  loggingVpcFlowLogs,
  loggingCisMetricAlarms,
  loggingCloudtrailBucketAccessLogging,
  loggingLogGroupKmsEncryption,
];
