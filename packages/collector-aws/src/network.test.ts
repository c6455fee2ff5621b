// The issue-5 collectors (CloudTrail, S3, CloudWatch Logs, EC2, Network Firewall) against mocked SDK
// clients: what only a mock can produce on demand — AccessDenied on one call, "no such
// configuration" answers, shadow trails seen from several regions, firewall endpoint states.
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from "@aws-sdk/client-cloudtrail";
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { DescribeRouteTablesCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  DescribeFirewallCommand,
  DescribeFirewallPolicyCommand,
  DescribeLoggingConfigurationCommand,
  ListFirewallsCommand,
  NetworkFirewallClient,
} from "@aws-sdk/client-network-firewall";
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { type AwsConfig, type Gap, type Resource, type ResourceOf, snapshotSchema } from "@itaku/core";
import { mockClient } from "aws-sdk-client-mock";
import { type AwsErrorSummary, summarizeAwsError } from "./aws-errors";
import { cloudTrailCollector } from "./cloudtrail";
import type { AwsCollector, AwsCollectorContext } from "./collector";
import { ec2Collector } from "./ec2";
import { logsCollector } from "./logs";
import { networkFirewallCollector } from "./network-firewall";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const ACCOUNT = "111122223333";
const awsError = (name: string) =>
  Object.assign(new Error(`${name} (mocked)`), { name, $metadata: { httpStatusCode: 403 } });

/** Runs collectors over regions the way collectAws does, with one shared config object (one scan). */
async function run(collectors: AwsCollector[], regions: string[], config: AwsConfig = {}) {
  const resources: Resource[] = [];
  const gaps: Gap[] = [];
  for (const collector of collectors) {
    for (const region of collector.scope === "global" ? ["global"] : regions) {
      const ctx: AwsCollectorContext = {
        accountId: ACCOUNT,
        partition: "aws",
        region,
        regions,
        config,
        now: () => new Date("2026-11-20T00:00:00Z"),
        client: (ClientClass) =>
          new ClientClass({
            region: region === "global" ? "us-east-1" : region,
            credentials: { accessKeyId: "AKIATEST", secretAccessKey: "test" },
            retryStrategy: undefined as never,
          }),
        emit: (resource) => resources.push(resource),
        gap: (resourceType, operation, failure) => {
          const code =
            failure instanceof Error ? summarizeAwsError(failure).code : (failure as AwsErrorSummary).code;
          gaps.push({ source: "aws", scope: ACCOUNT, region, resourceType, operation, code });
        },
        progress: () => {},
      };
      await collector.run(ctx);
    }
  }
  const parsed = snapshotSchema.safeParse({
    schemaVersion: 1,
    collectedAt: "2026-11-20T00:00:00Z",
    origin: "live",
    sources: [{ provider: "aws", scope: ACCOUNT, regions, gaps }],
    resources,
  });
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
  return { resources, gaps };
}

const cloudtrail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
const logs = mockClient(CloudWatchLogsClient);
const ec2 = mockClient(EC2Client);
const firewall = mockClient(NetworkFirewallClient);

beforeEach(() => {
  for (const mock of [cloudtrail, s3, logs, ec2, firewall]) mock.reset();
});

const trailArn = (region: string, name: string) => `arn:aws:cloudtrail:${region}:${ACCOUNT}:trail/${name}`;

function mockBucket(name: string) {
  s3.on(GetBucketLocationCommand, { Bucket: name }).resolves({ LocationConstraint: "ap-northeast-1" });
  s3.on(GetBucketVersioningCommand, { Bucket: name }).resolves({});
  s3.on(GetObjectLockConfigurationCommand, { Bucket: name }).rejects(
    awsError("ObjectLockConfigurationNotFoundError"),
  );
  s3.on(GetBucketLifecycleConfigurationCommand, { Bucket: name }).rejects(awsError("AccessDenied"));
  s3.on(GetPublicAccessBlockCommand, { Bucket: name }).rejects(
    awsError("NoSuchPublicAccessBlockConfiguration"),
  );
  s3.on(GetBucketEncryptionCommand, { Bucket: name }).resolves({
    ServerSideEncryptionConfiguration: {
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
    },
  });
  s3.on(GetBucketPolicyCommand, { Bucket: name }).rejects(awsError("NoSuchBucketPolicy"));
  s3.on(GetBucketLoggingCommand, { Bucket: name }).resolves({});
  s3.on(GetBucketTaggingCommand, { Bucket: name }).rejects(awsError("NoSuchTagSet"));
}

test("a multi-region trail seen from three regions is one trail; its bucket is read once, AccessDenied is a gap", async () => {
  const multi = {
    Name: "org-audit",
    TrailARN: trailArn("ap-northeast-1", "org-audit"),
    HomeRegion: "ap-northeast-1",
    IsMultiRegionTrail: true,
    LogFileValidationEnabled: true,
    S3BucketName: "trail-logs",
    CloudWatchLogsLogGroupArn: `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:/aws/cloudtrail/org-audit:*`,
  };
  const local = {
    Name: "local",
    TrailARN: trailArn("us-west-2", "local"),
    HomeRegion: "us-west-2",
    S3BucketName: "trail-logs",
  };
  cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [multi, local] });
  cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
  cloudtrail.on(GetEventSelectorsCommand, { TrailName: multi.TrailARN }).resolves({
    AdvancedEventSelectors: [
      { Name: "mgmt", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] },
    ],
  });
  cloudtrail
    .on(GetEventSelectorsCommand, { TrailName: local.TrailARN })
    .rejects(awsError("AccessDeniedException"));
  mockBucket("trail-logs");
  logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [] });
  logs.on(DescribeLogGroupsCommand).resolves({
    logGroups: [
      {
        logGroupName: "/aws/cloudtrail/org-audit",
        arn: `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:/aws/cloudtrail/org-audit:*`,
      },
    ],
  });

  const { resources, gaps } = await run(
    [cloudTrailCollector, logsCollector],
    ["ap-northeast-1", "eu-west-1", "us-west-2"],
  );
  const trails = resources.filter(
    (r) => r.type === "aws.cloudtrail.trail",
  ) as ResourceOf<"aws.cloudtrail.trail">[];
  expect(trails.map((t) => [t.id, t.region])).toEqual([
    [multi.TrailARN, "ap-northeast-1"],
    [local.TrailARN, "us-west-2"],
  ]);
  expect(trails[0]!.attributes.advancedEventSelectors).toEqual([
    { name: "mgmt", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
  ]);
  // Selectors unreadable: left out, so the rules say unknown.
  expect(trails[1]!.attributes.eventSelectors).toBeUndefined();

  const buckets = resources.filter((r) => r.type === "aws.s3.bucket") as ResourceOf<"aws.s3.bucket">[];
  expect(buckets).toHaveLength(1);
  expect(s3.commandCalls(GetBucketLocationCommand)).toHaveLength(1);
  expect(buckets[0]!.attributes).toEqual({
    name: "trail-logs",
    arn: "arn:aws:s3:::trail-logs",
    purposes: ["cloudtrail"],
    versioning: "Disabled",
    objectLock: null,
    publicAccessBlock: null,
    encryption: { algorithm: "AES256" },
    policy: null,
    accessLogging: null,
  });
  expect(gaps.map((g) => [g.resourceType, g.operation, g.code])).toEqual([
    ["aws.s3.bucket", "GetBucketLifecycleConfiguration", "AccessDenied"],
    ["aws.cloudtrail.trail", "GetEventSelectors", "AccessDenied"],
  ]);
  const group = resources.find((r) => r.type === "aws.logs.log-group") as ResourceOf<"aws.logs.log-group">;
  expect(group.attributes).toMatchObject({
    name: "/aws/cloudtrail/org-audit",
    retentionInDays: null,
    purposes: ["cloudtrail"],
  });
});

test("a multi-region trail homed outside the scanned regions is kept by the first scanned region", async () => {
  const multi = {
    Name: "org",
    TrailARN: trailArn("us-east-1", "org"),
    HomeRegion: "us-east-1",
    IsMultiRegionTrail: true,
  };
  cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [multi] });
  cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: false });
  cloudtrail
    .on(GetEventSelectorsCommand)
    .resolves({ EventSelectors: [{ ReadWriteType: "WriteOnly", IncludeManagementEvents: true }] });
  const { resources } = await run([cloudTrailCollector], ["eu-west-1", "ap-northeast-1"]);
  expect(resources.map((r) => [r.id, r.region])).toEqual([[multi.TrailARN, "us-east-1"]]);
  expect((resources[0] as ResourceOf<"aws.cloudtrail.trail">).attributes).toMatchObject({
    logging: false,
    eventSelectors: [{ readWriteType: "WriteOnly", includeManagementEvents: true }],
  });
});

test("route tables: main and explicit associations, every kind of target", async () => {
  ec2.onAnyCommand().resolves({});
  ec2.on(DescribeRouteTablesCommand).resolves({
    RouteTables: [
      {
        RouteTableId: "rtb-1",
        VpcId: "vpc-1",
        Associations: [
          { Main: true, AssociationState: { State: "associated" } },
          { SubnetId: "subnet-gone", AssociationState: { State: "disassociated" } },
        ],
        Routes: [
          { DestinationCidrBlock: "10.0.0.0/16", GatewayId: "local", State: "active" },
          { DestinationCidrBlock: "0.0.0.0/0", GatewayId: "igw-1", State: "active" },
          { DestinationIpv6CidrBlock: "::/0", EgressOnlyInternetGatewayId: "eigw-1", State: "active" },
          { DestinationPrefixListId: "pl-s3", GatewayId: "vpce-s3", State: "active" },
          { DestinationCidrBlock: "192.168.0.0/16", NatGatewayId: "nat-1", State: "blackhole" },
          {
            DestinationCidrBlock: "172.16.0.0/12",
            InstanceId: "i-1",
            NetworkInterfaceId: "eni-1",
            State: "active",
          },
          { DestinationCidrBlock: "100.64.0.0/10", TransitGatewayId: "tgw-1", State: "active" },
        ],
      },
      {
        RouteTableId: "rtb-2",
        VpcId: "vpc-1",
        Associations: [{ SubnetId: "subnet-a", Main: false }],
        Routes: [],
      },
    ],
  });
  const { resources, gaps } = await run([ec2Collector], ["ap-northeast-1"]);
  expect(gaps).toEqual([]);
  const tables = resources.filter(
    (r) => r.type === "aws.ec2.route-table",
  ) as ResourceOf<"aws.ec2.route-table">[];
  expect(tables.map((t) => [t.id, t.attributes.main, t.attributes.subnetIds])).toEqual([
    ["rtb-1", true, []],
    ["rtb-2", false, ["subnet-a"]],
  ]);
  expect(
    tables[0]!.attributes.routes.map((r) => `${r.destination}>${r.target.type}:${r.target.id}:${r.state}`),
  ).toEqual([
    "10.0.0.0/16>local:local:active",
    "0.0.0.0/0>internet-gateway:igw-1:active",
    "::/0>egress-only-internet-gateway:eigw-1:active",
    "pl-s3>vpc-endpoint:vpce-s3:active",
    "192.168.0.0/16>nat-gateway:nat-1:blackhole",
    "172.16.0.0/12>instance:i-1:active",
    "100.64.0.0/10>transit-gateway:tgw-1:active",
  ]);
});

test("a failing Describe call is a gap for its type only, and nothing half-listed is emitted", async () => {
  ec2.onAnyCommand().resolves({});
  ec2.on(DescribeRouteTablesCommand).rejects(awsError("UnauthorizedOperation"));
  const { resources, gaps } = await run([ec2Collector], ["ap-northeast-1"]);
  expect(gaps.map((g) => [g.resourceType, g.operation, g.code])).toEqual([
    ["aws.ec2.route-table", "DescribeRouteTables", "UnauthorizedOperation"],
  ]);
  expect(resources.filter((r) => r.type === "aws.ec2.route-table")).toEqual([]);
});

test("Network Firewall: endpoints from sync states, shared policy read once, logging destinations", async () => {
  const arn = (name: string) => `arn:aws:network-firewall:ap-northeast-1:${ACCOUNT}:firewall/${name}`;
  const policyArn = `arn:aws:network-firewall:ap-northeast-1:${ACCOUNT}:firewall-policy/shared`;
  firewall
    .on(ListFirewallsCommand)
    .resolves({ Firewalls: [{ FirewallArn: arn("a") }, { FirewallArn: arn("b") }] });
  for (const name of ["a", "b"]) {
    firewall.on(DescribeFirewallCommand, { FirewallArn: arn(name) }).resolves({
      Firewall: {
        FirewallName: name,
        FirewallArn: arn(name),
        VpcId: "vpc-1",
        FirewallPolicyArn: policyArn,
        SubnetMappings: [{ SubnetId: "subnet-fw-a" }, { SubnetId: "subnet-fw-c" }],
        FirewallId: name,
      },
      FirewallStatus: {
        Status: "READY",
        ConfigurationSyncStateSummary: "IN_SYNC",
        SyncStates: {
          "ap-northeast-1c": {
            Attachment: { SubnetId: "subnet-fw-c", EndpointId: `vpce-${name}c`, Status: "READY" },
          },
          "ap-northeast-1a": {
            Attachment: { SubnetId: "subnet-fw-a", EndpointId: `vpce-${name}a`, Status: "READY" },
          },
        },
      },
    });
  }
  firewall.on(DescribeFirewallPolicyCommand).resolves({
    UpdateToken: "t",
    FirewallPolicyResponse: {
      FirewallPolicyName: "shared",
      FirewallPolicyArn: policyArn,
      FirewallPolicyId: "p",
    },
    FirewallPolicy: {
      StatelessDefaultActions: ["aws:forward_to_sfe"],
      StatelessFragmentDefaultActions: ["aws:drop"],
    },
  });
  firewall.on(DescribeLoggingConfigurationCommand, { FirewallArn: arn("a") }).resolves({
    LoggingConfiguration: {
      LogDestinationConfigs: [
        { LogType: "ALERT", LogDestinationType: "CloudWatchLogs", LogDestination: { logGroup: "/fw/alert" } },
        {
          LogType: "FLOW",
          LogDestinationType: "KinesisDataFirehose",
          LogDestination: { deliveryStream: "fw-flow" },
        },
      ],
    },
  });
  firewall
    .on(DescribeLoggingConfigurationCommand, { FirewallArn: arn("b") })
    .rejects(awsError("AccessDeniedException"));
  const { resources, gaps } = await run([networkFirewallCollector], ["ap-northeast-1"]);
  const [a, b] = resources as ResourceOf<"aws.network-firewall.firewall">[];
  expect(a!.attributes).toMatchObject({
    endpointIds: ["vpce-aa", "vpce-ac"],
    subnetIds: ["subnet-fw-a", "subnet-fw-c"],
    policy: {
      statelessDefaultActions: ["aws:forward_to_sfe"],
      statefulRuleGroupArns: [],
      statefulDefaultActions: [],
    },
    logging: [
      { logType: "ALERT", destinationType: "CloudWatchLogs", logGroup: "/fw/alert" },
      { logType: "FLOW", destinationType: "KinesisDataFirehose", deliveryStream: "fw-flow" },
    ],
  });
  expect(b!.attributes.logging).toBeUndefined();
  expect(firewall.commandCalls(DescribeFirewallPolicyCommand)).toHaveLength(1);
  expect(gaps.map((g) => [g.operation, g.code])).toEqual([["DescribeLoggingConfiguration", "AccessDenied"]]);
});
