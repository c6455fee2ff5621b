// GuardDuty, Security Hub and AWS Config as a program declares them: one status resource per region,
// with the ids and names the live collector gives them, so a waiver or a finding means the same
// resource in code and in the account. A region where the program declares none of a service's
// resources leaves that service to the account: nothing is mapped and no rule judges it.
import type { ResourceOf } from "@itaku/core";
import { type NormalizeContext, opaqueWhy } from "./context";
import type { PulumiRecord } from "./records";
import { bool, isOpaque, obj, str } from "./values";

export const DETECTION = {
  guardDutyDetector: "aws:guardduty/detector:Detector",
  guardDutyFeature: "aws:guardduty/detectorFeature:DetectorFeature",
  securityHubAccount: "aws:securityhub/account:Account",
  securityHubStandard: "aws:securityhub/standardsSubscription:StandardsSubscription",
  configRecorder: "aws:cfg/recorder:Recorder",
  configRecorderStatus: "aws:cfg/recorderStatus:RecorderStatus",
  configDeliveryChannel: "aws:cfg/deliveryChannel:DeliveryChannel",
} as const;

/** Protection plans the detector's older `datasources` block turns on, by the feature name GuardDuty reports. */
const DATASOURCE_FEATURES: { feature: string; path: string[] }[] = [
  { feature: "S3_DATA_EVENTS", path: ["s3Logs"] },
  { feature: "EKS_AUDIT_LOGS", path: ["kubernetes", "auditLogs"] },
  {
    feature: "EBS_MALWARE_PROTECTION",
    path: ["malwareProtection", "scanEc2InstanceWithFindings", "ebsVolumes"],
  },
];

export function mapDetection(ctx: NormalizeContext): void {
  mapGuardDuty(ctx);
  mapSecurityHub(ctx);
  mapConfig(ctx);
}

function byRegion(ctx: NormalizeContext, types: readonly string[]): Map<string, PulumiRecord[]> {
  const regions = new Map<string, PulumiRecord[]>();
  for (const record of ctx.of(...types)) {
    const region = ctx.regionOf(record);
    regions.set(region, [...(regions.get(region) ?? []), record]);
  }
  return new Map([...regions.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function mapGuardDuty(ctx: NormalizeContext): void {
  const regions = byRegion(ctx, [DETECTION.guardDutyDetector, DETECTION.guardDutyFeature]);
  for (const [region, records] of regions) {
    const detectors = records
      .filter((r) => r.type === DETECTION.guardDutyDetector)
      .sort((a, b) => (ctx.nid(a) < ctx.nid(b) ? -1 : 1));
    const detector = detectors[0];
    const features = records.filter((r) => r.type === DETECTION.guardDutyFeature);
    const attributes: ResourceOf<"aws.guardduty.status">["attributes"] = {};
    if (detector) {
      const props = ctx.p(detector);
      attributes.detectorId = ctx.nid(detector);
      // `enable` defaults to true: declaring the detector turns GuardDuty on.
      if (isOpaque(props.enable))
        ctx.gap("aws.guardduty.status", detector, "enable", opaqueWhy(props.enable));
      else attributes.status = bool(props, "enable") === false ? "DISABLED" : "ENABLED";
    } else {
      // Features for a detector made elsewhere: GuardDuty is on in the account, its state is not in the code.
      const target = features
        .map((f) => ctx.ref(f, "detectorId", [DETECTION.guardDutyDetector]))
        .find(Boolean);
      attributes.detectorId = target?.value;
    }
    const planned = new Map<string, string>();
    for (const feature of features) {
      const target = ctx.ref(feature, "detectorId", [DETECTION.guardDutyDetector]);
      if (detector && target?.record !== detector) continue;
      const props = ctx.p(feature);
      const name = str(props, "name");
      if (isOpaque(props.status) || isOpaque(props.name)) {
        ctx.gap("aws.guardduty.status", feature, "status", opaqueWhy(props.status ?? props.name));
        continue;
      }
      if (name) planned.set(name, str(props, "status") ?? "DISABLED");
    }
    const datasources = detector && obj(ctx.p(detector), "datasources");
    for (const { feature, path } of DATASOURCE_FEATURES) {
      const source = path.reduce<ReturnType<typeof obj>>((props, key) => obj(props, key), datasources);
      const enable = bool(source, "enable");
      if (enable !== undefined && !planned.has(feature))
        planned.set(feature, enable ? "ENABLED" : "DISABLED");
    }
    attributes.features = [...planned.entries()]
      .map(([name, status]) => ({ name, status }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    ctx.add(
      {
        type: "aws.guardduty.status",
        id: `guardduty:${ctx.accountId}:${region}`,
        name: `GuardDuty ${region}`,
        scope: ctx.accountId,
        region,
        ...(detector ? { urn: detector.urn } : {}),
        attributes,
      },
      detector,
    );
  }
}

/** Standards Security Hub turns on with the account unless `enableDefaultStandards` is false. */
const DEFAULT_STANDARDS = (partition: string, region: string) => [
  `arn:${partition}:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
  `arn:${partition}:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0`,
];

function mapSecurityHub(ctx: NormalizeContext): void {
  const regions = byRegion(ctx, [DETECTION.securityHubAccount, DETECTION.securityHubStandard]);
  for (const [region, records] of regions) {
    const account = records.find((r) => r.type === DETECTION.securityHubAccount);
    const arns = new Set<string>();
    if (account && bool(ctx.p(account), "enableDefaultStandards") !== false) {
      for (const arn of DEFAULT_STANDARDS(ctx.partition, region)) arns.add(arn);
    }
    for (const subscription of records.filter((r) => r.type === DETECTION.securityHubStandard)) {
      const props = ctx.p(subscription);
      const arn = str(props, "standardsArn");
      if (arn) arns.add(arn);
      else ctx.gap("aws.securityhub.status", subscription, "standardsArn", opaqueWhy(props.standardsArn));
    }
    const attributes: ResourceOf<"aws.securityhub.status">["attributes"] = {
      // Without the account resource, Security Hub is enabled (or not) outside this program.
      ...(account
        ? { enabled: true, hubArn: `arn:${ctx.partition}:securityhub:${region}:${ctx.accountId}:hub/default` }
        : {}),
      // A declared subscription is requested: PENDING until Security Hub reports it READY, which only a
      // live scan sees.
      standards: [...arns].sort().map((standardsArn) => ({ standardsArn, status: "PENDING" })),
    };
    ctx.add(
      {
        type: "aws.securityhub.status",
        id: `securityhub:${ctx.accountId}:${region}`,
        name: `Security Hub ${region}`,
        scope: ctx.accountId,
        region,
        ...(account ? { urn: account.urn } : {}),
        attributes,
      },
      account,
    );
  }
}

function mapConfig(ctx: NormalizeContext): void {
  const regions = byRegion(ctx, [
    DETECTION.configRecorder,
    DETECTION.configRecorderStatus,
    DETECTION.configDeliveryChannel,
  ]);
  for (const [region, records] of regions) {
    const of = (type: string) => records.filter((r) => r.type === type);
    const statuses = of(DETECTION.configRecorderStatus);
    const recorders = of(DETECTION.configRecorder).map((recorder) => {
      const props = ctx.p(recorder);
      const name = str(props, "name") ?? "default";
      const group = obj(props, "recordingGroup");
      const status = statuses.find((s) => {
        const target = ctx.ref(s, "name", [DETECTION.configRecorder]);
        return target?.record === recorder || target?.value === name;
      });
      const enabled = status && ctx.p(status).isEnabled;
      if (status && isOpaque(enabled)) ctx.gap("aws.config.status", status, "isEnabled", opaqueWhy(enabled));
      return {
        name,
        // An absent recording group, or one without `allSupported`, records every supported type.
        allSupported: bool(group, "allSupported") ?? true,
        includeGlobalResourceTypes: bool(group, "includeGlobalResourceTypes") ?? false,
        // A recorder starts stopped: without a status resource turning it on, it records nothing.
        ...(isOpaque(enabled)
          ? {}
          : { recording: status ? bool(ctx.p(status), "isEnabled") === true : false }),
      };
    });
    const deliveryChannels = of(DETECTION.configDeliveryChannel).map((channel) => {
      const props = ctx.p(channel);
      const bucket = ctx.ref(channel, "s3BucketName", ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]);
      const bucketName = bucket?.record
        ? (str(ctx.p(bucket.record), "bucket") ?? bucket.record.name)
        : bucket?.value;
      return { name: str(props, "name") ?? "default", ...(bucketName ? { s3BucketName: bucketName } : {}) };
    });
    const first = of(DETECTION.configRecorder)[0] ?? records[0];
    ctx.add(
      {
        type: "aws.config.status",
        id: `config:${ctx.accountId}:${region}`,
        name: `AWS Config ${region}`,
        scope: ctx.accountId,
        region,
        ...(first ? { urn: first.urn } : {}),
        attributes: {
          recorders: recorders.sort((a, b) => (a.name < b.name ? -1 : 1)),
          deliveryChannels: deliveryChannels.sort((a, b) => (a.name < b.name ? -1 : 1)),
        },
      },
      first,
    );
  }
}
