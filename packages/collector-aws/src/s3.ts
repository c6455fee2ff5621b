// S3 buckets the scan cares about, and only those: trail buckets, flow-log and firewall-log buckets
// (asked for by the collectors that find them), and buckets tagged confidential. For each: lifecycle,
// Object Lock, versioning, public access block, default encryption, policy, server access logging.
// "No such configuration" is a fact (null / []); any other failure, AccessDenied first, is a gap and
// leaves the attribute out.
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
  type LifecycleRule,
  paginateListBuckets,
  S3Client,
} from "@aws-sdk/client-s3";
import type { ResourceOf } from "@itaku/core";
import { summarizeAwsError } from "./aws-errors";
import { runBounded } from "./bounded";
import type { AwsCollector, AwsCollectorContext } from "./collector";
import { scanBook } from "./scan-book";

type Bucket = ResourceOf<"aws.s3.bucket">;
type Purpose = Bucket["attributes"]["purposes"][number];

/** One read per bucket per scan, whichever collector asks first; later askers add their purpose. */
interface BucketBook {
  reads: Map<string, Promise<Bucket | undefined>>;
  knownTags: Map<string, Record<string, string>>;
}
const bookOf = scanBook<BucketBook>(() => ({ reads: new Map(), knownTags: new Map() }));

/** Reads (once) and emits a bucket for a purpose; never throws, failures become gaps. */
export async function readBucketFor(ctx: AwsCollectorContext, name: string, purpose: Purpose): Promise<void> {
  const book = bookOf(ctx);
  let read = book.reads.get(name);
  if (!read) {
    read = readBucket(ctx, name, book.knownTags.get(name)).then((bucket) => {
      if (bucket) ctx.emit(bucket);
      return bucket;
    });
    book.reads.set(name, read);
  }
  const bucket = await read;
  if (bucket && !bucket.attributes.purposes.includes(purpose)) {
    bucket.attributes.purposes = [...bucket.attributes.purposes, purpose].sort();
  }
}

/** The four settings of a public access block, a bucket's or (S3 Control's) the account's; absent ones are off. */
export function publicAccessBlockSettings(
  c:
    | {
        BlockPublicAcls?: boolean;
        IgnorePublicAcls?: boolean;
        BlockPublicPolicy?: boolean;
        RestrictPublicBuckets?: boolean;
      }
    | undefined,
): NonNullable<Bucket["attributes"]["publicAccessBlock"]> | null {
  return c
    ? {
        blockPublicAcls: c.BlockPublicAcls === true,
        ignorePublicAcls: c.IgnorePublicAcls === true,
        blockPublicPolicy: c.BlockPublicPolicy === true,
        restrictPublicBuckets: c.RestrictPublicBuckets === true,
      }
    : null;
}

function s3Client(ctx: AwsCollectorContext): S3Client {
  const s3 = ctx.client(S3Client, "s3");
  // Buckets live in any region; S3 tells the client where, and the client follows (read at send time).
  (s3.config as { followRegionRedirects?: boolean }).followRegionRedirects = true;
  return s3;
}

/** Outcome of one configuration read: the value, "none" for a documented absence, or a failure. */
type Read<T> = { ok: true; value: T } | { ok: false };

async function readBucket(
  ctx: AwsCollectorContext,
  name: string,
  tags: Record<string, string> | undefined,
): Promise<Bucket | undefined> {
  const s3 = s3Client(ctx);
  let region: string;
  try {
    const location = await s3.send(new GetBucketLocationCommand({ Bucket: name }));
    const constraint = location.LocationConstraint as string | undefined;
    region = !constraint ? "us-east-1" : constraint === "EU" ? "eu-west-1" : constraint;
  } catch (error) {
    // Another account's bucket (AccessDenied) or a trail pointing at a deleted bucket (NoSuchBucket).
    ctx.gap("aws.s3.bucket", "GetBucketLocation", {
      code: summarizeAwsError(error).code,
      message: `bucket ${name}: ${summarizeAwsError(error).message}`,
    });
    return undefined;
  }
  const attempt = async <T>(
    operation: string,
    absentCodes: readonly string[],
    absent: T,
    run: () => Promise<T>,
  ): Promise<Read<T>> => {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      const { code, message } = summarizeAwsError(error);
      if (absentCodes.includes(code)) return { ok: true, value: absent };
      ctx.gap("aws.s3.bucket", operation, { code, message: `bucket ${name}: ${message}` });
      return { ok: false };
    }
  };
  const Bucket = name;
  const [versioning, objectLock, lifecycle, publicAccessBlock, encryption, policy, accessLogging, tagSet] =
    await Promise.all([
      attempt("GetBucketVersioning", [], undefined, async () => {
        const out = await s3.send(new GetBucketVersioningCommand({ Bucket }));
        return out.Status === "Enabled" ? "Enabled" : out.Status === "Suspended" ? "Suspended" : "Disabled";
      }),
      attempt("GetObjectLockConfiguration", ["ObjectLockConfigurationNotFoundError"], null, async () => {
        const out = await s3.send(new GetObjectLockConfigurationCommand({ Bucket }));
        const config = out.ObjectLockConfiguration;
        if (!config) return null;
        const retention = config.Rule?.DefaultRetention;
        const days = retention?.Days ?? (retention?.Years !== undefined ? retention.Years * 365 : undefined);
        return {
          enabled: config.ObjectLockEnabled === "Enabled",
          ...(retention?.Mode === "GOVERNANCE" || retention?.Mode === "COMPLIANCE"
            ? { mode: retention.Mode }
            : {}),
          ...(days !== undefined ? { days } : {}),
        };
      }),
      attempt("GetBucketLifecycleConfiguration", ["NoSuchLifecycleConfiguration"], [], async () => {
        const out = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
        return (out.Rules ?? []).map(lifecycleRule);
      }),
      attempt("GetPublicAccessBlock", ["NoSuchPublicAccessBlockConfiguration"], null, async () => {
        const out = await s3.send(new GetPublicAccessBlockCommand({ Bucket }));
        return publicAccessBlockSettings(out.PublicAccessBlockConfiguration);
      }),
      attempt("GetBucketEncryption", ["ServerSideEncryptionConfigurationNotFoundError"], null, async () => {
        const out = await s3.send(new GetBucketEncryptionCommand({ Bucket }));
        const rule = out.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
        return rule?.SSEAlgorithm
          ? {
              algorithm: rule.SSEAlgorithm,
              ...(rule.KMSMasterKeyID ? { kmsKeyId: rule.KMSMasterKeyID } : {}),
            }
          : null;
      }),
      attempt("GetBucketPolicy", ["NoSuchBucketPolicy"], null, async () => {
        const out = await s3.send(new GetBucketPolicyCommand({ Bucket }));
        return out.Policy ? (JSON.parse(out.Policy) as Bucket["attributes"]["policy"]) : null;
      }),
      // Logging off is an answer without LoggingEnabled, not an error.
      attempt("GetBucketLogging", [], null, async () => {
        const target = (await s3.send(new GetBucketLoggingCommand({ Bucket }))).LoggingEnabled;
        return target?.TargetBucket
          ? { targetBucket: target.TargetBucket, targetPrefix: target.TargetPrefix ?? "" }
          : null;
      }),
      tags
        ? Promise.resolve<Read<Record<string, string>>>({ ok: true, value: tags })
        : attempt("GetBucketTagging", ["NoSuchTagSet"], {} as Record<string, string>, async () => {
            const out = await s3.send(new GetBucketTaggingCommand({ Bucket }));
            return Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
          }),
    ]);
  const arn = `arn:${ctx.partition}:s3:::${name}`;
  const tagMap = tagSet.ok && Object.keys(tagSet.value).length > 0 ? tagSet.value : undefined;
  return {
    type: "aws.s3.bucket",
    id: arn,
    name,
    scope: ctx.accountId,
    region,
    ...(tagMap ? { tags: tagMap } : {}),
    attributes: {
      name,
      arn,
      purposes: [],
      ...(versioning.ok ? { versioning: versioning.value } : {}),
      ...(objectLock.ok ? { objectLock: objectLock.value } : {}),
      ...(lifecycle.ok ? { lifecycleRules: lifecycle.value } : {}),
      ...(publicAccessBlock.ok ? { publicAccessBlock: publicAccessBlock.value } : {}),
      ...(encryption.ok ? { encryption: encryption.value } : {}),
      ...(policy.ok ? { policy: policy.value } : {}),
      ...(accessLogging.ok ? { accessLogging: accessLogging.value } : {}),
    },
  };
}

/**
 * A rule limited by tags or object size still deletes some logs early, so it is read as covering
 * the whole bucket (prefix ""); a date-based expiration has no number of days and is left out.
 */
function lifecycleRule(
  rule: LifecycleRule,
): Bucket["attributes"]["lifecycleRules"] extends (infer R)[] | undefined ? R : never {
  const prefix = rule.Filter?.Prefix ?? rule.Filter?.And?.Prefix ?? rule.Prefix ?? "";
  return {
    ...(rule.ID ? { id: rule.ID } : {}),
    enabled: rule.Status === "Enabled",
    prefix,
    ...(rule.Expiration?.Days !== undefined ? { expirationDays: rule.Expiration.Days } : {}),
    ...(rule.NoncurrentVersionExpiration?.NoncurrentDays !== undefined
      ? { noncurrentExpirationDays: rule.NoncurrentVersionExpiration.NoncurrentDays }
      : {}),
  };
}

const tagsMatch = (tags: Record<string, string>, wanted: Record<string, string>): boolean =>
  Object.entries(wanted).every(
    ([key, value]) => tags[key] !== undefined && (value === "*" || tags[key] === value),
  );

/** Buckets tagged as confidential (aws.confidential.bucketTags); the other purposes come from their collectors. */
export const s3Collector: AwsCollector = {
  name: "s3",
  scope: "global",
  resourceTypes: ["aws.s3.bucket"],
  async run(ctx) {
    const wanted = ctx.config.confidential?.bucketTags ?? {};
    if (Object.keys(wanted).length === 0) return;
    const s3 = s3Client(ctx);
    const names: string[] = [];
    try {
      for await (const page of paginateListBuckets({ client: s3, pageSize: 1000 }, {})) {
        for (const bucket of page.Buckets ?? []) if (bucket.Name) names.push(bucket.Name);
      }
    } catch (error) {
      ctx.gap("aws.s3.bucket", "ListBuckets", error);
      return;
    }
    const book = bookOf(ctx);
    let confidential = 0;
    await runBounded(
      names.map((name) => async () => {
        let tags: Record<string, string>;
        try {
          const out = await s3.send(new GetBucketTaggingCommand({ Bucket: name }));
          tags = Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
        } catch (error) {
          const { code, message } = summarizeAwsError(error);
          if (code !== "NoSuchTagSet") {
            ctx.gap("aws.s3.bucket", "GetBucketTagging", { code, message: `bucket ${name}: ${message}` });
            return;
          }
          tags = {};
        }
        if (!tagsMatch(tags, wanted)) return;
        confidential++;
        book.knownTags.set(name, tags);
        await readBucketFor(ctx, name, "confidential");
      }),
      ctx.config.maxConcurrency ?? 4,
    );
    ctx.progress(`S3: ${names.length} buckets, ${confidential} tagged confidential`);
  },
};
