import { type ResourceOf, type ResourceType, type Snapshot, snapshotSchema } from "@itaku/core";
import { type MockedResource, readRawResources } from "./records";
import { snapshotFromMockedResources, snapshotFromRecords } from "./snapshot";

const ACCOUNT = "111122223333";
const REGION = "ap-northeast-1";
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const GROUP_ARN = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/vendor/cloudtrail`;
const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:security-alerts`;

const check = (snapshot: Snapshot) => {
  expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
  return snapshot;
};
const snapshotOf = (resources: MockedResource[]) =>
  check(snapshotFromMockedResources(resources, { accountId: ACCOUNT, region: REGION }));
const all = <T extends ResourceType>(snapshot: Snapshot, type: T) =>
  snapshot.resources.filter((r) => r.type === type) as unknown as ResourceOf<T>[];
const gapsOf = (snapshot: Snapshot) =>
  snapshot.sources[0]!.gaps.map((g) => `${g.resourceType} ${g.operation} ${g.code}`);

const trailGroup: MockedResource = {
  type: "aws:cloudwatch/logGroup:LogGroup",
  name: "trail-logs",
  id: "/vendor/cloudtrail",
  inputs: { name: "/vendor/cloudtrail", retentionInDays: 400 },
  state: { arn: GROUP_ARN },
};
const otherGroup: MockedResource = {
  type: "aws:cloudwatch/logGroup:LogGroup",
  name: "app-logs",
  id: "/vendor/app",
  inputs: { name: "/vendor/app", retentionInDays: 400 },
};
const trail: MockedResource = {
  type: "aws:cloudtrail/trail:Trail",
  name: "trail",
  inputs: { name: "access-log", isMultiRegionTrail: true, cloudWatchLogsGroupArn: `${GROUP_ARN}:*` },
};
const filter = (name: string, pattern: unknown, logGroupName = "/vendor/cloudtrail"): MockedResource => ({
  type: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  name,
  id: name,
  inputs: {
    name,
    logGroupName,
    pattern,
    metricTransformation: { name, namespace: "CISBenchmark", value: "1" },
  },
});
const topic: MockedResource = {
  type: "aws:sns/topic:Topic",
  name: "alerts",
  id: TOPIC_ARN,
  inputs: { name: "security-alerts" },
  state: { arn: TOPIC_ARN },
};
const subscription = (state: Record<string, unknown> = {}): MockedResource => ({
  type: "aws:sns/topicSubscription:TopicSubscription",
  name: "security-email",
  inputs: { topic: TOPIC_ARN, protocol: "email", endpoint: "security@vendor.example.jp" },
  state,
});
const alarm = (alarmActions: unknown[], inputs: Record<string, unknown> = {}): MockedResource => ({
  type: "aws:cloudwatch/metricAlarm:MetricAlarm",
  name: "root-usage-alarm",
  inputs: {
    name: "cis-root-usage",
    metricName: "cis-root-usage",
    namespace: "CISBenchmark",
    alarmActions,
    ...inputs,
  },
});

describe("metric filters", () => {
  it("are joined into the log group they watch; a group without any gets []", () => {
    const snapshot = snapshotOf([
      trailGroup,
      otherGroup,
      trail,
      filter("cis-root-usage", '{ $.userIdentity.type = "Root" }'),
    ]);
    const [trailLogs, appLogs] = all(snapshot, "aws.logs.log-group");
    expect(trailLogs!.attributes).toMatchObject({
      arn: GROUP_ARN,
      // The trail names the group as `<arn>:*`; the group is still found, and marked as the trail's.
      purposes: ["cloudtrail"],
      metricFilters: [
        {
          name: "cis-root-usage",
          pattern: '{ $.userIdentity.type = "Root" }',
          metrics: [{ name: "cis-root-usage", namespace: "CISBenchmark" }],
        },
      ],
    });
    expect(appLogs!.attributes.metricFilters).toEqual([]);
    expect(all(snapshot, "aws.cloudtrail.trail")[0]!.attributes.cloudWatchLogsLogGroupArn).toBe(GROUP_ARN);
  });

  it("leave out a filter whose pattern is known only after deployment, with a gap", () => {
    const snapshot = snapshotOf([trailGroup, filter("later", UNKNOWN_STRING)]);
    expect(all(snapshot, "aws.logs.log-group")[0]!.attributes.metricFilters).toEqual([]);
    expect(gapsOf(snapshot)).toEqual([
      "aws.logs.log-group aws:cloudwatch/logMetricFilter:LogMetricFilter.pattern UnknownBeforeDeployment",
    ]);
  });

  it("on a log group the program does not declare say nothing about the ones it does", () => {
    const snapshot = snapshotOf([trailGroup, filter("elsewhere", "{ $.x = 1 }", "/someone/else")]);
    expect(all(snapshot, "aws.logs.log-group")[0]!.attributes.metricFilters).toEqual([]);
    expect(gapsOf(snapshot)).toEqual([]);
  });
});

describe("metric alarms", () => {
  it("name the topics they notify with the subscriptions the program gives them", () => {
    const snapshot = snapshotOf([topic, subscription(), alarm([TOPIC_ARN])]);
    expect(all(snapshot, "aws.cloudwatch.alarm")).toEqual([
      expect.objectContaining({
        id: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:cis-root-usage`,
        name: "cis-root-usage",
        region: REGION,
        attributes: {
          arn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:cis-root-usage`,
          name: "cis-root-usage",
          metricName: "cis-root-usage",
          namespace: "CISBenchmark",
          actionsEnabled: true,
          alarmActions: [TOPIC_ARN],
          topics: [{ arn: TOPIC_ARN, confirmedSubscriptions: 1 }],
        },
      }),
    ]);
  });

  it("count no subscriber the state says is pending confirmation, and none for a topic without any", () => {
    const pending = snapshotOf([topic, subscription({ pendingConfirmation: true }), alarm([TOPIC_ARN])]);
    expect(all(pending, "aws.cloudwatch.alarm")[0]!.attributes.topics).toEqual([
      { arn: TOPIC_ARN, confirmedSubscriptions: 0 },
    ]);
    const lonely = snapshotOf([topic, alarm([TOPIC_ARN], { actionsEnabled: false })]);
    expect(all(lonely, "aws.cloudwatch.alarm")[0]!.attributes).toMatchObject({
      actionsEnabled: false,
      topics: [{ arn: TOPIC_ARN, confirmedSubscriptions: 0 }],
    });
  });

  it("leave the subscribers of a topic the program does not declare unknown (null)", () => {
    const foreign = `arn:aws:sns:${REGION}:999988887777:soc-alerts`;
    const snapshot = snapshotOf([alarm([foreign])]);
    expect(all(snapshot, "aws.cloudwatch.alarm")[0]!.attributes.topics).toEqual([
      { arn: foreign, confirmedSubscriptions: null },
    ]);
  });

  it("follow a preview's unknown topic ARN through the file's dependencies", () => {
    const urn = (type: string, name: string) => `urn:pulumi:prod::vendor::${type}::${name}`;
    const topicUrn = urn("aws:sns/topic:Topic", "alerts");
    const set = readRawResources([
      { urn: topicUrn, type: "aws:sns/topic:Topic", inputs: { name: "security-alerts" } },
      {
        urn: urn("aws:sns/topicSubscription:TopicSubscription", "email"),
        type: "aws:sns/topicSubscription:TopicSubscription",
        inputs: { topic: UNKNOWN_STRING, protocol: "email", endpoint: "security@vendor.example.jp" },
        propertyDependencies: { topic: [topicUrn] },
      },
      {
        urn: urn("aws:cloudwatch/metricAlarm:MetricAlarm", "root"),
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        inputs: { name: "cis-root-usage", metricName: "m", namespace: "n", alarmActions: [UNKNOWN_STRING] },
        propertyDependencies: { alarmActions: [topicUrn] },
      },
    ]);
    const snapshot = check(snapshotFromRecords(set, { accountId: ACCOUNT, region: REGION }));
    expect(all(snapshot, "aws.cloudwatch.alarm")[0]!.attributes.topics).toEqual([
      { arn: TOPIC_ARN, confirmedSubscriptions: 1 },
    ]);
  });
});
