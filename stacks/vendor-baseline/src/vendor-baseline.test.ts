// The VendorBaseline component under Pulumi's runtime mocks: what it registers with safe defaults,
// and what each unsafe flag (and only that flag) changes.
import type { MockedResource } from "@itaku/collector-pulumi";
import { runUnderMocks } from "./testing/run-under-mocks";
import { VendorBaseline, type VendorBaselineArgs, validateBaselineArgs } from "./vendor-baseline";

const ARGS: VendorBaselineArgs = {
  people: [
    { userName: "yamada", role: "manager", personId: "P001" },
    { userName: "sato", role: "admin", personId: "P002" },
    { userName: "suzuki", role: "member", personId: "P003" },
    { userName: "ito-audit", role: "auditor", personId: "P006" },
  ],
  clientAudit: { accountId: "999988887777", externalId: "itaku-audit-2026-sample" },
  proxy: { allowedDomains: [".amazonaws.com", "github.com"] },
  securityAlerts: { emails: ["security@vendor.example.jp"] },
};

async function build(args: Partial<VendorBaselineArgs> = {}) {
  const run = await runUnderMocks(() => {
    const baseline = new VendorBaseline("baseline", { ...ARGS, ...args });
    return { proxyUrl: baseline.proxyUrl, settings: baseline.itakuSettings };
  });
  const of = (type: string) => run.resources.filter((r) => r.type === type);
  const named = (type: string, name: string): MockedResource => {
    const found = of(type).find((r) => r.name === name);
    if (!found)
      throw new Error(
        `no ${type} named ${name}; have ${of(type)
          .map((r) => r.name)
          .join(", ")}`,
      );
    return found;
  };
  const policy = (resource: MockedResource, key = "policy") => JSON.parse(resource.inputs[key] as string);
  return { ...run, of, named, policy };
}

type Built = Awaited<ReturnType<typeof build>>;

describe("VendorBaseline with safe defaults", () => {
  let built: Built;
  beforeAll(async () => {
    built = await build();
  });

  it("tags the confidential subnets as the scanner expects and gives them no route out", () => {
    const subnets = built.of("aws:ec2/subnet:Subnet").filter((s) => s.name.includes("confidential"));
    expect(subnets).toHaveLength(2);
    for (const subnet of subnets) {
      expect(subnet.inputs.tags).toMatchObject({ DataClass: "confidential" });
      expect(subnet.inputs.mapPublicIpOnLaunch).toBe(false);
    }
    expect(
      built.named("aws:ec2/routeTable:RouteTable", "baseline-network-confidential-rt").inputs.routes,
    ).toEqual([]);
    expect(built.of("aws:ec2/route:Route")).toEqual([]);
    expect(built.outputs.settings.subnetTags).toEqual({ DataClass: "confidential" });
  });

  it("routes only the proxy subnets to the internet gateway", () => {
    const routes = built.named("aws:ec2/routeTable:RouteTable", "baseline-network-proxy-rt").inputs
      .routes as { cidrBlock: string; gatewayId: string }[];
    const igw = built.of("aws:ec2/internetGateway:InternetGateway")[0]!;
    expect(routes).toEqual([{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }]);
  });

  it("lets workloads out only to the proxy port and the VPC endpoints", () => {
    const workload = built.named("aws:ec2/securityGroup:SecurityGroup", "baseline-network-workload-sg");
    const egress = built
      .of("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
      .filter((r) => r.inputs.securityGroupId === workload.id);
    const lb = built.named("aws:ec2/securityGroup:SecurityGroup", "baseline-proxy-lb-sg");
    const endpoints = built.named("aws:ec2/securityGroup:SecurityGroup", "baseline-network-endpoint-sg");
    const s3 = built.named("aws:ec2/vpcEndpoint:VpcEndpoint", "baseline-network-s3");
    expect(
      egress
        .map((r) => [r.inputs.fromPort, r.inputs.referencedSecurityGroupId ?? r.inputs.prefixListId])
        .sort(),
    ).toEqual(
      [
        [3128, lb.id],
        [443, endpoints.id],
        [443, s3.state!.prefixListId],
      ].sort(),
    );
    expect(egress.some((r) => r.inputs.cidrIpv4 !== undefined)).toBe(false);
  });

  it("provides SSM interface endpoints and an S3 gateway endpoint, so no SSH is needed", () => {
    const endpoints = built
      .of("aws:ec2/vpcEndpoint:VpcEndpoint")
      .map((e) => [e.inputs.serviceName, e.inputs.vpcEndpointType]);
    expect(endpoints.sort()).toEqual(
      [
        ["com.amazonaws.ap-northeast-1.ec2messages", "Interface"],
        ["com.amazonaws.ap-northeast-1.s3", "Gateway"],
        ["com.amazonaws.ap-northeast-1.ssm", "Interface"],
        ["com.amazonaws.ap-northeast-1.ssmmessages", "Interface"],
      ].sort(),
    );
    const ingress = built.of("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(ingress.some((r) => r.inputs.fromPort === 22 || r.inputs.cidrIpv4 !== undefined)).toBe(false);
  });

  it("runs Squid on an auto-scaling group with the allow-list and ships its access log", () => {
    const template = built.of("aws:ec2/launchTemplate:LaunchTemplate")[0]!;
    const script = Buffer.from(template.inputs.userData as string, "base64").toString("utf8");
    expect(script).toContain("acl allowed_domains dstdomain .amazonaws.com github.com");
    expect(script).toContain("http_access deny all");
    expect(script).toContain('"log_group_name": "/vendor/proxy/access"');
    expect(template.inputs.metadataOptions).toMatchObject({ httpTokens: "required" });
    const asg = built.of("aws:autoscaling/group:Group")[0]!;
    expect(asg.inputs).toMatchObject({ minSize: 2, maxSize: 2, launchTemplate: { id: template.id } });
    const group = built.named("aws:cloudwatch/logGroup:LogGroup", "baseline-proxy-access-log");
    expect(group.inputs).toMatchObject({ name: "/vendor/proxy/access", retentionInDays: 400 });
    expect(built.outputs.proxyUrl).toMatch(/^http:\/\/.+:3128$/);
  });

  it("logs ALL VPC traffic to a log group kept 400 days", () => {
    const flowLog = built.of("aws:ec2/flowLog:FlowLog")[0]!;
    const group = built.named("aws:cloudwatch/logGroup:LogGroup", "baseline-network-flow-logs");
    expect(flowLog.inputs).toMatchObject({
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: group.state!.arn,
    });
    expect(group.inputs.retentionInDays).toBe(400);
  });

  it("records a multi-region, validated, KMS-encrypted trail into a locked, versioned, TLS-only bucket", () => {
    const trail = built.of("aws:cloudtrail/trail:Trail")[0]!;
    const key = built.named("aws:kms/key:Key", "baseline-audit-key");
    const bucket = built.named("aws:s3/bucket:Bucket", "baseline-audit-bucket");
    const ofBucket = (type: string) => built.of(type).filter((r) => r.inputs.bucket === bucket.id);
    expect(trail.inputs).toMatchObject({
      isMultiRegionTrail: true,
      enableLogFileValidation: true,
      kmsKeyId: key.state!.arn,
      s3BucketName: bucket.id,
    });
    expect(key.inputs.enableKeyRotation).toBe(true);
    expect(bucket.inputs.objectLockEnabled).toBe(true);
    expect(built.of("aws:s3/bucketVersioning:BucketVersioning")[0]!.inputs.versioningConfiguration).toEqual({
      status: "Enabled",
    });
    expect(
      built.of("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")[0]!.inputs.rule,
    ).toEqual({
      defaultRetention: { mode: "GOVERNANCE", days: 400 },
    });
    expect(ofBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")[0]!.inputs).toMatchObject({
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    });
    const policy = built.policy(ofBucket("aws:s3/bucketPolicy:BucketPolicy")[0]!);
    expect(policy.Statement[0]).toMatchObject({
      Effect: "Deny",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  it("sets the account password policy", () => {
    expect(built.of("aws:iam/accountPasswordPolicy:AccountPasswordPolicy")[0]!.inputs).toMatchObject({
      minimumPasswordLength: 14,
      requireSymbols: true,
      maxPasswordAge: 90,
      passwordReusePrevention: 24,
    });
  });

  it("makes one user per person, in the group of their role, with no access keys", () => {
    expect(built.of("aws:iam/user:User").map((u) => u.inputs.name)).toEqual([
      "yamada",
      "sato",
      "suzuki",
      "ito-audit",
    ]);
    expect(built.of("aws:iam/accessKey:AccessKey")).toEqual([]);
    const groupOf = (user: string) =>
      built.of("aws:iam/userGroupMembership:UserGroupMembership").find((m) => m.inputs.user === user)!.inputs
        .groups;
    expect(groupOf("sato")).toEqual(["vendor-admins"]);
    expect(groupOf("suzuki")).toEqual(["vendor-members"]);
    expect(groupOf("yamada")).toEqual(["vendor-members"]);
    expect(groupOf("ito-audit")).toEqual(["vendor-auditors"]);
  });

  it("enforces MFA on every group, the admins included", () => {
    const mfa = built.of("aws:iam/groupPolicy:GroupPolicy").filter((p) => p.inputs.name === "require-mfa");
    expect(mfa.map((p) => p.inputs.group).sort()).toEqual([
      "vendor-admins",
      "vendor-auditors",
      "vendor-members",
    ]);
    expect(built.policy(mfa[0]!).Statement[0].Condition).toEqual({
      BoolIfExists: { "aws:MultiFactorAuthPresent": "false" },
    });
  });

  it("gives the client's auditors a read-only role behind an external id", () => {
    const role = built.named("aws:iam/role:Role", "baseline-identity-client-auditor");
    const trust = built.policy(role, "assumeRolePolicy");
    expect(trust.Statement[0]).toMatchObject({
      Principal: { AWS: "arn:aws:iam::999988887777:root" },
      Condition: { StringEquals: { "sts:ExternalId": "itaku-audit-2026-sample" } },
    });
    const attached = built
      .of("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
      .filter((a) => a.inputs.role === "itaku-auditor");
    expect(attached.map((a) => a.inputs.policyArn).sort()).toEqual([
      "arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess",
      "arn:aws:iam::aws:policy/SecurityAudit",
    ]);
  });

  it("turns on IAM Access Analyzer", () => {
    expect(built.of("aws:accessanalyzer/analyzer:Analyzer")[0]!.inputs).toMatchObject({ type: "ACCOUNT" });
  });

  it("delivers the trail to a CloudWatch Logs group, kept as long as the other logs", () => {
    const group = built.named("aws:cloudwatch/logGroup:LogGroup", "baseline-trail-logs");
    expect(group.inputs).toMatchObject({ name: "/vendor/cloudtrail/access-log", retentionInDays: 400 });
    const role = built.named("aws:iam/role:Role", "baseline-trail-logs-role");
    expect(built.of("aws:cloudtrail/trail:Trail")[0]!.inputs).toMatchObject({
      cloudWatchLogsGroupArn: `${group.state!.arn}:*`,
      cloudWatchLogsRoleArn: role.state!.arn,
    });
    expect(built.policy(role, "assumeRolePolicy").Statement[0].Principal).toEqual({
      Service: "cloudtrail.amazonaws.com",
    });
  });

  it("alarms on each CIS 4.x kind of event through an e-mailed SNS topic", () => {
    const filters = built.of("aws:cloudwatch/logMetricFilter:LogMetricFilter");
    expect(filters).toHaveLength(15);
    for (const filter of filters) expect(filter.inputs.logGroupName).toBe("/vendor/cloudtrail/access-log");
    const topic = built.named("aws:sns/topic:Topic", "baseline-cis-topic");
    const alarms = built.of("aws:cloudwatch/metricAlarm:MetricAlarm");
    // One alarm per filter, on the filter's own metric.
    expect(alarms.map((a) => a.inputs.metricName).sort()).toEqual(
      filters.map((f) => (f.inputs.metricTransformation as { name: string }).name).sort(),
    );
    for (const alarm of alarms) {
      expect(alarm.inputs).toMatchObject({
        namespace: "CISBenchmark",
        threshold: 1,
        alarmActions: [topic.id],
      });
    }
    expect(built.of("aws:sns/topicSubscription:TopicSubscription").map((s) => s.inputs)).toEqual([
      { topic: topic.id, protocol: "email", endpoint: "security@vendor.example.jp" },
    ]);
  });

  it("patches the proxies through Systems Manager: baseline, patch group by tag, scheduled install, inventory", () => {
    const baseline = built.named("aws:ssm/patchBaseline:PatchBaseline", "baseline-patching-al2023");
    expect(baseline.inputs).toMatchObject({ operatingSystem: "AMAZON_LINUX_2023" });
    expect((baseline.inputs.approvalRules as { approveAfterDays: number }[])[0]!.approveAfterDays).toBe(7);
    expect(built.of("aws:ssm/patchGroup:PatchGroup").map((g) => g.inputs)).toEqual([
      { baselineId: baseline.id, patchGroup: "vendor-al2023" },
    ]);
    // The proxies launch with the tag that puts them in the group the associations target.
    const template = built.named("aws:ec2/launchTemplate:LaunchTemplate", "baseline-proxy-template");
    const instanceTags = (template.inputs.tagSpecifications as { resourceType: string; tags: object }[]).find(
      (t) => t.resourceType === "instance",
    )!.tags;
    expect(instanceTags).toMatchObject({ "Patch Group": "vendor-al2023" });
    const associations = built.of("aws:ssm/association:Association");
    expect(associations.map((a) => [a.inputs.name, a.inputs.targets]).sort()).toEqual([
      ["AWS-GatherSoftwareInventory", [{ key: "tag:Patch Group", values: ["vendor-al2023"] }]],
      ["AWS-RunPatchBaseline", [{ key: "tag:Patch Group", values: ["vendor-al2023"] }]],
    ]);
    expect(associations.find((a) => a.inputs.name === "AWS-RunPatchBaseline")!.inputs).toMatchObject({
      scheduleExpression: "cron(0 18 ? * SAT *)",
      parameters: { Operation: "Install", RebootOption: "RebootIfNeeded" },
      maxConcurrency: "1",
    });
  });

  it("turns on GuardDuty with S3 data events and runtime monitoring", () => {
    const detector = built.of("aws:guardduty/detector:Detector");
    expect(detector.map((d) => d.inputs.enable)).toEqual([true]);
    const features = built.of("aws:guardduty/detectorFeature:DetectorFeature");
    expect(features.map((f) => [f.inputs.name, f.inputs.status, f.inputs.detectorId])).toEqual([
      ["S3_DATA_EVENTS", "ENABLED", detector[0]!.id],
      ["RUNTIME_MONITORING", "ENABLED", detector[0]!.id],
    ]);
    expect(built.outputs.settings.rules["detection-guardduty-enabled"]).toEqual({
      requiredFeatures: ["S3_DATA_EVENTS", "RUNTIME_MONITORING"],
    });
  });

  it("subscribes Security Hub to exactly the configured standards", () => {
    expect(built.of("aws:securityhub/account:Account")[0]!.inputs).toMatchObject({
      enableDefaultStandards: false,
    });
    expect(
      built
        .of("aws:securityhub/standardsSubscription:StandardsSubscription")
        .map((s) => s.inputs.standardsArn),
    ).toEqual([
      "arn:aws:securityhub:ap-northeast-1::standards/aws-foundational-security-best-practices/v/1.0.0",
      "arn:aws:securityhub:ap-northeast-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
    ]);
  });

  it("records every resource with AWS Config, delivers to its own bucket and starts recording", () => {
    const recorder = built.of("aws:cfg/recorder:Recorder");
    expect(recorder.map((r) => r.inputs.recordingGroup)).toEqual([
      { allSupported: true, includeGlobalResourceTypes: true },
    ]);
    const bucket = built.named("aws:s3/bucket:Bucket", "baseline-config-bucket");
    expect(built.of("aws:cfg/deliveryChannel:DeliveryChannel").map((c) => c.inputs.s3BucketName)).toEqual([
      bucket.id,
    ]);
    expect(built.of("aws:cfg/recorderStatus:RecorderStatus").map((s) => s.inputs)).toEqual([
      { name: recorder[0]!.inputs.name, isEnabled: true },
    ]);
    const role = built.named("aws:iam/role:Role", "baseline-config-role");
    expect(built.policy(role, "assumeRolePolicy").Statement[0].Principal).toEqual({
      Service: "config.amazonaws.com",
    });
    expect(recorder[0]!.inputs.roleArn).toBe(role.state!.arn);
  });
});

describe("settings", () => {
  it("subscribes Security Hub to the standards named, and GuardDuty to the plans named", async () => {
    const built = await build({
      securityHub: { standards: ["nist-800-53"] },
      guardDuty: { features: ["S3_DATA_EVENTS"] },
    });
    expect(
      built
        .of("aws:securityhub/standardsSubscription:StandardsSubscription")
        .map((s) => s.inputs.standardsArn),
    ).toEqual(["arn:aws:securityhub:ap-northeast-1::standards/nist-800-53/v/5.0.0"]);
    expect(built.of("aws:guardduty/detectorFeature:DetectorFeature").map((f) => f.inputs.name)).toEqual([
      "S3_DATA_EVENTS",
    ]);
    expect(built.outputs.settings.rules["detection-security-hub-standards"]).toEqual({
      standards: ["nist-800-53"],
    });
  });

  it("installs patches on the schedule given, approving them after the days given", async () => {
    const built = await build({ patching: { schedule: "cron(0 20 ? * WED *)", approveAfterDays: 0 } });
    const install = built.named("aws:ssm/association:Association", "baseline-patching-install");
    expect(install.inputs.scheduleExpression).toBe("cron(0 20 ? * WED *)");
    const rules = built.of("aws:ssm/patchBaseline:PatchBaseline")[0]!.inputs.approvalRules as {
      approveAfterDays: number;
    }[];
    expect(rules[0]!.approveAfterDays).toBe(0);
  });
});

describe("unsafe choices need their explicit flag", () => {
  it("allowDirectInternetRoute adds a default route to the internet gateway, nothing else", async () => {
    const built = await build({ allowDirectInternetRoute: true });
    const igw = built.of("aws:ec2/internetGateway:InternetGateway")[0]!;
    expect(
      built.named("aws:ec2/routeTable:RouteTable", "baseline-network-confidential-rt").inputs.routes,
    ).toEqual([{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }]);
  });

  it("short retention is refused without allowShortRetention", () => {
    expect(() => validateBaselineArgs({ ...ARGS, logRetentionDays: 30 })).toThrow(/allowShortRetention/);
    expect(() =>
      validateBaselineArgs({ ...ARGS, logRetentionDays: 30, allowShortRetention: true }),
    ).not.toThrow();
    expect(() => validateBaselineArgs({ ...ARGS, logRetentionDays: 42 })).toThrow(
      /not a CloudWatch Logs retention/,
    );
  });

  it("adminMfaOptional drops the admins' MFA requirement only", async () => {
    const built = await build({ adminMfaOptional: true });
    const mfa = built.of("aws:iam/groupPolicy:GroupPolicy").filter((p) => p.inputs.name === "require-mfa");
    expect(mfa.map((p) => p.inputs.group).sort()).toEqual(["vendor-auditors", "vendor-members"]);
  });

  it("rejects bad input before anything is created", () => {
    expect(() => validateBaselineArgs({ ...ARGS, people: [] })).toThrow(/people is empty/);
    expect(() => validateBaselineArgs({ ...ARGS, passwordPolicy: { minimumLength: 4 } })).toThrow(
      /minimumLength/,
    );
    expect(() => validateBaselineArgs({ ...ARGS, guardDuty: { features: ["S3_PROTECTION"] } })).toThrow(
      /guardDuty\.features: "S3_PROTECTION" is not a GuardDuty protection plan/,
    );
    expect(() => validateBaselineArgs({ ...ARGS, guardDuty: { features: [] } })).toThrow(
      /guardDuty\.features/,
    );
    expect(() =>
      validateBaselineArgs({ ...ARGS, securityAlerts: { emails: ["security at vendor"] } }),
    ).toThrow(/securityAlerts\.emails\.0: "security at vendor" is not an e-mail address/);
    expect(() => validateBaselineArgs({ ...ARGS, securityAlerts: { emails: [] } })).toThrow(
      /securityAlerts\.emails/,
    );
    expect(() =>
      validateBaselineArgs({
        ...ARGS,
        securityAlerts: undefined as unknown as VendorBaselineArgs["securityAlerts"],
      }),
    ).toThrow(/securityAlerts is required/);
    expect(() => validateBaselineArgs({ ...ARGS, patching: { schedule: "weekly" } })).toThrow(
      /patching\.schedule: "weekly" is not an SSM schedule/,
    );
    expect(() => validateBaselineArgs({ ...ARGS, patching: { approveAfterDays: 400 } })).toThrow(
      /patching\.approveAfterDays: 400 must be a whole number of days from 0 to 360/,
    );
    expect(() => validateBaselineArgs({ ...ARGS, securityHub: { standards: ["cis"] } })).toThrow(
      /securityHub\.standards: "cis" is not a standard/,
    );
  });
});
