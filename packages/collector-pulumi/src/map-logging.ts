// CloudTrail trails, S3 buckets (the bucket plus its separate versioning, Object Lock, lifecycle,
// public-access-block, encryption and policy resources joined into one) and CloudWatch log groups.
import type { ResourceOf } from "@itaku/core";
import { type NormalizeContext, opaqueWhy } from "./context";
import { parsePolicyDocument } from "./map-iam";
import type { PulumiRecord } from "./records";
import { bool, isOpaque, list, num, obj, objects, type Props, str, strings } from "./values";

export const LOGGING = {
  trail: "aws:cloudtrail/trail:Trail",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
  versioning: ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"],
  objectLock: [
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
  ],
  lifecycle: [
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  ],
  publicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
  encryption: [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  ],
  policy: ["aws:s3/bucketPolicy:BucketPolicy"],
  flowLog: "aws:ec2/flowLog:FlowLog",
  firewallLogging: "aws:networkfirewall/loggingConfiguration:LoggingConfiguration",
} as const;

type Purpose = ResourceOf<"aws.s3.bucket">["attributes"]["purposes"][number];
type LogPurpose = NonNullable<ResourceOf<"aws.logs.log-group">["attributes"]["purposes"]>[number];

export interface LoggingOptions {
  /** Tags that mark a bucket as holding the client's confidential data (itaku.yaml `confidential.bucketTags`). */
  confidentialBucketTags?: Record<string, string>;
  /** Log groups the forward proxy writes to (itaku.yaml `confidential.proxy.logGroupNames`). */
  proxyLogGroupNames?: string[];
}

export function mapLogging(ctx: NormalizeContext, options: LoggingOptions): void {
  const bucketName = (record: PulumiRecord) =>
    str(ctx.p(record), "bucket") ?? str(ctx.p(record), "id") ?? record.name;
  const logGroupName = (record: PulumiRecord) => str(ctx.p(record), "name") ?? record.name;
  const logGroupArn = (record: PulumiRecord) =>
    (
      str(ctx.p(record), "arn") ?? ctx.arn("logs", ctx.regionOf(record), `log-group:${logGroupName(record)}`)
    ).replace(/:\*$/, "");

  const bucketPurposes = new Map<PulumiRecord, Set<Purpose>>();
  const logPurposes = new Map<PulumiRecord, Set<LogPurpose>>();
  const mark = <K, P>(map: Map<K, Set<P>>, key: K | undefined, purpose: P) => {
    if (!key) return;
    const set = map.get(key) ?? new Set<P>();
    set.add(purpose);
    map.set(key, set);
  };

  // Trails
  for (const record of ctx.of(LOGGING.trail)) {
    const props = ctx.p(record);
    const name = str(props, "name") ?? record.name;
    const region = ctx.regionOf(record);
    const bucket = ctx.ref(record, "s3BucketName", LOGGING.bucket);
    mark(bucketPurposes, bucket?.record, "cloudtrail");
    // CloudTrail takes the group's ARN with a `:*` suffix; the group's own ARN has none.
    const groupArn = props.cloudWatchLogsGroupArn;
    const logGroup = ctx.ref(
      record,
      "cloudWatchLogsGroupArn",
      [LOGGING.logGroup],
      typeof groupArn === "string" ? groupArn.replace(/:\*$/, "") : groupArn,
    );
    mark(logPurposes, logGroup?.record, "cloudtrail");
    const kms = props.kmsKeyId;
    const selectors = list(props, "eventSelectors");
    const advanced = list(props, "advancedEventSelectors");
    for (const [key, value] of [
      ["isMultiRegionTrail", props.isMultiRegionTrail],
      ["enableLogFileValidation", props.enableLogFileValidation],
    ] as const) {
      if (isOpaque(value)) ctx.gap("aws.cloudtrail.trail", record, key, opaqueWhy(value));
    }
    const arn = str(props, "arn") ?? ctx.arn("cloudtrail", region, `trail/${name}`);
    const hasSelectors = (selectors?.length ?? 0) > 0 || (advanced?.length ?? 0) > 0;
    ctx.add(
      {
        type: "aws.cloudtrail.trail",
        id: arn,
        name,
        scope: ctx.accountId,
        region,
        tags: ctx.tags(record),
        urn: record.urn,
        attributes: {
          arn,
          name,
          homeRegion: str(props, "homeRegion") ?? region,
          // Provider defaults: single-region, no log-file validation, logging on.
          multiRegion: bool(props, "isMultiRegionTrail") ?? false,
          organizationTrail: bool(props, "isOrganizationTrail") ?? false,
          logging: isOpaque(props.enableLogging) ? undefined : (bool(props, "enableLogging") ?? true),
          logFileValidation: bool(props, "enableLogFileValidation") ?? false,
          // A key the preview cannot name yet is still a key: the trail will be encrypted.
          kmsKeyId: str(props, "kmsKeyId") ?? (isOpaque(kms) ? "(known after deployment)" : undefined),
          s3BucketName: bucket?.record ? bucketName(bucket.record) : bucket?.value,
          s3KeyPrefix: str(props, "s3KeyPrefix"),
          cloudWatchLogsLogGroupArn: logGroup?.record ? logGroupArn(logGroup.record) : logGroup?.value,
          // With no selectors at all, CloudTrail logs every management event, read and write.
          eventSelectors: hasSelectors
            ? objects(props, "eventSelectors").map((selector) => ({
                readWriteType: (str(selector, "readWriteType") ?? "All") as "ReadOnly" | "WriteOnly" | "All",
                includeManagementEvents: bool(selector, "includeManagementEvents") ?? true,
              }))
            : [{ readWriteType: "All", includeManagementEvents: true }],
          advancedEventSelectors: advanced
            ? objects(props, "advancedEventSelectors").map((selector) => ({
                name: str(selector, "name"),
                fieldSelectors: objects(selector, "fieldSelectors").map((field) => ({
                  field: str(field, "field") ?? "",
                  ...Object.fromEntries(
                    (
                      [
                        "equals",
                        "notEquals",
                        "startsWith",
                        "notStartsWith",
                        "endsWith",
                        "notEndsWith",
                      ] as const
                    )
                      .filter((op) => Array.isArray(field[op]))
                      .map((op) => [op, strings(field, op)]),
                  ),
                })),
              }))
            : undefined,
        },
      },
      record,
    );
  }

  // Flow logs and firewall logging mark their destinations.
  for (const record of ctx.of(LOGGING.flowLog)) {
    const props = ctx.p(record);
    const type = str(props, "logDestinationType") ?? "cloud-watch-logs";
    if (type === "s3") mark(bucketPurposes, s3Target(ctx, record, "logDestination"), "flow-logs");
    else {
      const group =
        ctx.ref(record, "logDestination", [LOGGING.logGroup]) ??
        ctx.ref(record, "logGroupName", [LOGGING.logGroup]);
      mark(logPurposes, group?.record, "flow-logs");
    }
  }
  for (const record of ctx.of(LOGGING.firewallLogging)) {
    for (const destination of objects(obj(ctx.p(record), "loggingConfiguration"), "logDestinationConfigs")) {
      const target = obj(destination, "logDestination");
      const group = str(target, "logGroup");
      const bucket = str(target, "bucketName");
      if (group)
        mark(
          logPurposes,
          ctx.of(LOGGING.logGroup).find((g) => logGroupName(g) === group),
          "firewall-logs",
        );
      if (bucket)
        mark(
          bucketPurposes,
          ctx.of(...LOGGING.bucket).find((b) => bucketName(b) === bucket),
          "firewall-logs",
        );
    }
  }

  // Buckets, each joined with its configuration resources.
  const configOf = (types: readonly string[]) => {
    const map = new Map<PulumiRecord, PulumiRecord>();
    for (const record of ctx.of(...types)) {
      const target = ctx.ref(record, "bucket", LOGGING.bucket);
      if (target?.record) map.set(target.record, record);
      else ctx.gap("aws.s3.bucket", record, "bucket", "unresolved");
    }
    return map;
  };
  const versioning = configOf(LOGGING.versioning);
  const objectLock = configOf(LOGGING.objectLock);
  const lifecycle = configOf(LOGGING.lifecycle);
  const publicAccessBlock = configOf(LOGGING.publicAccessBlock);
  const encryption = configOf(LOGGING.encryption);
  const policy = configOf(LOGGING.policy);
  const confidentialTags = Object.entries(options.confidentialBucketTags ?? {});

  for (const record of ctx.of(...LOGGING.bucket)) {
    const props = ctx.p(record);
    const name = bucketName(record);
    const tags = ctx.tags(record);
    const purposes = bucketPurposes.get(record) ?? new Set<Purpose>();
    if (confidentialTags.length > 0 && confidentialTags.every(([k, v]) => tags?.[k] === v))
      purposes.add("confidential");
    const arn = str(props, "arn") ?? `arn:${ctx.partition}:s3:::${name}`;

    const versioningProps =
      versioning.get(record) && obj(ctx.p(versioning.get(record)!), "versioningConfiguration");
    const versioningStatus =
      str(versioningProps, "status") ??
      (obj(props, "versioning") && bool(obj(props, "versioning"), "enabled") ? "Enabled" : undefined);

    const lockRecord = objectLock.get(record);
    const lockRule = lockRecord && obj(obj(ctx.p(lockRecord), "rule"), "defaultRetention");
    const lockEnabled =
      bool(props, "objectLockEnabled") === true ||
      (lockRecord !== undefined && str(ctx.p(lockRecord), "objectLockEnabled") !== "Disabled");
    const lockDays =
      num(lockRule, "days") ??
      (num(lockRule, "years") !== undefined ? num(lockRule, "years")! * 365 : undefined);

    const lifecycleRecord = lifecycle.get(record);
    const encryptionRecord = encryption.get(record);
    const encryptionRule =
      encryptionRecord &&
      obj(objects(ctx.p(encryptionRecord), "rules")[0], "applyServerSideEncryptionByDefault");
    const policyRecord = policy.get(record);
    const policyDocument = policyRecord ? parsePolicyDocument(ctx.p(policyRecord).policy) : undefined;
    if (policyRecord && !policyDocument)
      ctx.gap("aws.s3.bucket", policyRecord, "policy", opaqueWhy(ctx.p(policyRecord).policy));
    const pab = publicAccessBlock.get(record) && ctx.p(publicAccessBlock.get(record)!);

    ctx.add(
      {
        type: "aws.s3.bucket",
        id: arn,
        name,
        scope: ctx.accountId,
        region: ctx.regionOf(record),
        tags,
        urn: record.urn,
        attributes: {
          name,
          arn,
          purposes: [...purposes].sort(),
          // S3 leaves versioning off until a configuration turns it on.
          versioning: (versioningStatus as "Enabled" | "Suspended" | "Disabled" | undefined) ?? "Disabled",
          objectLock: lockEnabled
            ? {
                enabled: true,
                mode: str(lockRule, "mode") as "GOVERNANCE" | "COMPLIANCE" | undefined,
                days: lockDays,
              }
            : null,
          lifecycleRules: lifecycleRecord ? lifecycleRules(ctx.p(lifecycleRecord)) : [],
          publicAccessBlock: pab
            ? {
                blockPublicAcls: bool(pab, "blockPublicAcls") ?? false,
                ignorePublicAcls: bool(pab, "ignorePublicAcls") ?? false,
                blockPublicPolicy: bool(pab, "blockPublicPolicy") ?? false,
                restrictPublicBuckets: bool(pab, "restrictPublicBuckets") ?? false,
              }
            : null,
          // Since 2023 S3 encrypts every new object with SSE-S3 when nothing else is configured.
          encryption: encryptionRule
            ? {
                algorithm: str(encryptionRule, "sseAlgorithm") ?? "AES256",
                kmsKeyId: str(encryptionRule, "kmsMasterKeyId"),
              }
            : { algorithm: "AES256" },
          policy: policyRecord ? (policyDocument ?? undefined) : null,
        },
      },
      record,
    );
  }

  // Log groups.
  const proxyNames = new Set(options.proxyLogGroupNames ?? []);
  for (const record of ctx.of(LOGGING.logGroup)) {
    const props = ctx.p(record);
    const name = logGroupName(record);
    if (proxyNames.has(name)) mark(logPurposes, record, "proxy-logs");
    const retention = props.retentionInDays;
    if (isOpaque(retention)) ctx.gap("aws.logs.log-group", record, "retentionInDays", opaqueWhy(retention));
    const days = num(props, "retentionInDays");
    const purposes = logPurposes.get(record);
    ctx.add(
      {
        type: "aws.logs.log-group",
        id: logGroupArn(record),
        name,
        scope: ctx.accountId,
        region: ctx.regionOf(record),
        tags: ctx.tags(record),
        urn: record.urn,
        attributes: {
          arn: logGroupArn(record),
          name,
          // 0 or absent: the group never expires its events.
          retentionInDays: days && days > 0 ? days : null,
          kmsKeyId:
            str(props, "kmsKeyId") ?? (isOpaque(props.kmsKeyId) ? "(known after deployment)" : undefined),
          purposes: purposes ? [...purposes].sort() : undefined,
        },
      },
      record,
    );
  }
}

function s3Target(ctx: NormalizeContext, record: PulumiRecord, key: string): PulumiRecord | undefined {
  const value = ctx.p(record)[key];
  if (typeof value === "string") {
    const name = value.replace(/^arn:[^:]+:s3:::/, "").split("/")[0];
    return ctx.of(...LOGGING.bucket).find((b) => (str(ctx.p(b), "bucket") ?? b.name) === name);
  }
  return ctx.ref(record, key, LOGGING.bucket)?.record;
}

function lifecycleRules(props: Props): ResourceOf<"aws.s3.bucket">["attributes"]["lifecycleRules"] {
  return objects(props, "rules").map((rule) => {
    const filter = obj(rule, "filter");
    const prefix = str(filter, "prefix") ?? str(obj(filter, "and"), "prefix") ?? str(rule, "prefix") ?? "";
    return {
      id: str(rule, "id"),
      enabled: str(rule, "status") === "Enabled",
      prefix,
      expirationDays: num(obj(rule, "expiration"), "days"),
      noncurrentExpirationDays: num(obj(rule, "noncurrentVersionExpiration"), "noncurrentDays"),
    };
  });
}
