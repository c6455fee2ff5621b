import { type ResourceOf, type ResourceType, type Snapshot, snapshotSchema } from "@itaku/core";
import type { MockedResource } from "./records";
import { snapshotFromMockedResources } from "./snapshot";

const ACCOUNT = "111122223333";
const REGION = "ap-northeast-1";
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const UNKNOWN_BOOL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";

const snapshotOf = (resources: MockedResource[]) => {
  const snapshot = snapshotFromMockedResources(resources, { accountId: ACCOUNT, region: REGION });
  expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
  return snapshot;
};
const all = <T extends ResourceType>(snapshot: Snapshot, type: T) =>
  snapshot.resources.filter((r) => r.type === type) as unknown as ResourceOf<T>[];
const gapsOf = (snapshot: Snapshot) =>
  snapshot.sources[0]!.gaps.map((g) => `${g.resourceType} ${g.operation} ${g.code}`);

const detector = (inputs: Record<string, unknown> = {}): MockedResource => ({
  type: "aws:guardduty/detector:Detector",
  name: "main",
  id: "12abc34d567e8fa901bc2d34e56789f0",
  inputs: { enable: true, ...inputs },
});
const feature = (name: string, status: string, detectorId = "12abc34d567e8fa901bc2d34e56789f0") => ({
  type: "aws:guardduty/detectorFeature:DetectorFeature",
  name: `main-${name}`,
  inputs: { detectorId, name, status },
});

describe("GuardDuty as code declares it", () => {
  it("is one status per region, named as the live collector names it, with the declared plans", () => {
    const snapshot = snapshotOf([
      detector({ datasources: { s3Logs: { enable: true }, kubernetes: { auditLogs: { enable: false } } } }),
      feature("RUNTIME_MONITORING", "ENABLED"),
    ]);
    expect(all(snapshot, "aws.guardduty.status")).toEqual([
      expect.objectContaining({
        id: `guardduty:${ACCOUNT}:${REGION}`,
        name: `GuardDuty ${REGION}`,
        region: REGION,
        urn: expect.stringContaining("aws:guardduty/detector:Detector::main"),
        attributes: {
          detectorId: "12abc34d567e8fa901bc2d34e56789f0",
          status: "ENABLED",
          features: [
            { name: "EKS_AUDIT_LOGS", status: "DISABLED" },
            { name: "RUNTIME_MONITORING", status: "ENABLED" },
            { name: "S3_DATA_EVENTS", status: "ENABLED" },
          ],
        },
      }),
    ]);
  });

  it("says DISABLED for a detector declared with enable: false, and maps nothing without a detector", () => {
    const off = snapshotOf([detector({ enable: false })]);
    expect(all(off, "aws.guardduty.status")[0]!.attributes).toMatchObject({
      status: "DISABLED",
      features: [],
    });
    expect(all(snapshotOf([]), "aws.guardduty.status")).toEqual([]);
  });

  it("leaves the status unread, with a gap, when `enable` is known only after deployment", () => {
    const snapshot = snapshotOf([detector({ enable: UNKNOWN_BOOL })]);
    expect(all(snapshot, "aws.guardduty.status")[0]!.attributes.status).toBeUndefined();
    expect(gapsOf(snapshot)).toEqual([
      "aws.guardduty.status aws:guardduty/detector:Detector.enable UnknownBeforeDeployment",
    ]);
  });

  it("keeps a detector made elsewhere unread: plans alone do not say it is on", () => {
    const snapshot = snapshotOf([feature("S3_DATA_EVENTS", "ENABLED", "existing-detector")]);
    expect(all(snapshot, "aws.guardduty.status")[0]!.attributes).toEqual({
      detectorId: "existing-detector",
      features: [{ name: "S3_DATA_EVENTS", status: "ENABLED" }],
    });
  });
});

describe("Security Hub as code declares it", () => {
  const account = (inputs: Record<string, unknown>): MockedResource => ({
    type: "aws:securityhub/account:Account",
    name: "hub",
    inputs,
  });
  const subscription = (arn: string): MockedResource => ({
    type: "aws:securityhub/standardsSubscription:StandardsSubscription",
    name: arn.split("/")[1]!,
    inputs: { standardsArn: arn },
  });
  const FSBP = `arn:aws:securityhub:${REGION}::standards/aws-foundational-security-best-practices/v/1.0.0`;
  const CIS3 = `arn:aws:securityhub:${REGION}::standards/cis-aws-foundations-benchmark/v/3.0.0`;

  it("lists the subscribed standards as requested (PENDING), no defaults when they are turned off", () => {
    const snapshot = snapshotOf([account({ enableDefaultStandards: false }), subscription(CIS3)]);
    expect(all(snapshot, "aws.securityhub.status")[0]).toMatchObject({
      id: `securityhub:${ACCOUNT}:${REGION}`,
      name: `Security Hub ${REGION}`,
      attributes: {
        enabled: true,
        hubArn: `arn:aws:securityhub:${REGION}:${ACCOUNT}:hub/default`,
        standards: [{ standardsArn: CIS3, status: "PENDING" }],
      },
    });
  });

  it("adds the standards Security Hub enables by default unless the program turns them off", () => {
    const snapshot = snapshotOf([account({})]);
    expect(
      all(snapshot, "aws.securityhub.status")[0]!.attributes.standards!.map((s) => s.standardsArn),
    ).toEqual(["arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0", FSBP]);
  });

  it("does not claim the hub is on when only subscriptions are declared", () => {
    const snapshot = snapshotOf([subscription(FSBP)]);
    expect(all(snapshot, "aws.securityhub.status")[0]!.attributes.enabled).toBeUndefined();
  });

  it("records an unknown standards ARN as a gap rather than a standard", () => {
    const snapshot = snapshotOf([
      { type: "aws:securityhub/account:Account", name: "hub", inputs: { enableDefaultStandards: false } },
      {
        type: "aws:securityhub/standardsSubscription:StandardsSubscription",
        name: "later",
        inputs: { standardsArn: UNKNOWN_STRING },
      },
    ]);
    expect(all(snapshot, "aws.securityhub.status")[0]!.attributes.standards).toEqual([]);
    expect(gapsOf(snapshot)).toEqual([
      "aws.securityhub.status aws:securityhub/standardsSubscription:StandardsSubscription.standardsArn UnknownBeforeDeployment",
    ]);
  });
});

describe("AWS Config as code declares it", () => {
  const recorder = (inputs: Record<string, unknown> = {}): MockedResource => ({
    type: "aws:cfg/recorder:Recorder",
    name: "rec",
    id: "vendor-config",
    inputs: { name: "vendor-config", roleArn: `arn:aws:iam::${ACCOUNT}:role/config`, ...inputs },
  });
  const channel: MockedResource = {
    type: "aws:cfg/deliveryChannel:DeliveryChannel",
    name: "channel",
    inputs: { name: "vendor-config", s3BucketName: "config-history" },
  };
  const status = (isEnabled: unknown): MockedResource => ({
    type: "aws:cfg/recorderStatus:RecorderStatus",
    name: "recording",
    inputs: { name: "vendor-config", isEnabled },
  });

  it("joins the recorder, its status and the delivery channel", () => {
    const snapshot = snapshotOf([
      recorder({ recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } }),
      channel,
      status(true),
    ]);
    expect(all(snapshot, "aws.config.status")[0]).toMatchObject({
      id: `config:${ACCOUNT}:${REGION}`,
      name: `AWS Config ${REGION}`,
      attributes: {
        recorders: [
          { name: "vendor-config", allSupported: true, includeGlobalResourceTypes: true, recording: true },
        ],
        deliveryChannels: [{ name: "vendor-config", s3BucketName: "config-history" }],
      },
    });
  });

  it("says a recorder no status resource starts is not recording, and keeps a partial group partial", () => {
    const snapshot = snapshotOf([
      recorder({ recordingGroup: { allSupported: false, resourceTypes: ["AWS::EC2::Instance"] } }),
    ]);
    expect(all(snapshot, "aws.config.status")[0]!.attributes).toEqual({
      recorders: [
        { name: "vendor-config", allSupported: false, includeGlobalResourceTypes: false, recording: false },
      ],
      deliveryChannels: [],
    });
  });

  it("leaves recording unread, with a gap, when the status is known only after deployment", () => {
    const snapshot = snapshotOf([recorder(), channel, status(UNKNOWN_BOOL)]);
    expect(all(snapshot, "aws.config.status")[0]!.attributes.recorders![0]!.recording).toBeUndefined();
    expect(gapsOf(snapshot)).toEqual([
      "aws.config.status aws:cfg/recorderStatus:RecorderStatus.isEnabled UnknownBeforeDeployment",
    ]);
  });
});
