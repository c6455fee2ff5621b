import { defineRule } from "@itaku/core";

const FLAGS = ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"] as const;

export default defineRule({
  id: "logging-bucket-public-access-blocked",
  title: {
    en: "Log and confidential buckets block public access",
    ja: "ログ用・機密情報用のバケットがパブリックアクセスをブロックしている",
  },
  description: {
    en: "Confidential information and its access logs must sit where only the personnel can reach them. Each trail bucket, log bucket and bucket tagged confidential needs all four public access block settings on, on the bucket or on the whole account (the account's block applies to every bucket).",
    ja: "機密情報とそのアクセスログは従事者だけがアクセスできる場所に保管する必要があります。証跡のバケット、ログ用バケット、機密タグ付きバケットは、パブリックアクセスブロックの 4 つの設定をすべて、バケットまたはアカウント全体（すべてのバケットに適用されます）で有効にする必要があります。",
  },
  severity: "high",
  controls: ["NIC-1-2-5", "NIC-1-4-3-2"],
  resourceTypes: ["aws.s3.bucket"],
  appliesTo: ["live", "iac"],
  messages: {
    noBlock: "Bucket {bucket} has no public access block, nor has its account",
    partialBlock: "Bucket {bucket} leaves {flags} off in its public access block and its account's",
  },
  remediation: {
    summary: "Turn on all four public access block settings on the bucket.",
    pulumi:
      'new aws.s3.BucketPublicAccessBlock("logs", { bucket: bucket.id, blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true });',
    cli: "aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
  },
  check(ctx) {
    for (const bucket of ctx.resources("aws.s3.bucket")) {
      const block = bucket.attributes.publicAccessBlock;
      if (block === undefined) {
        ctx.unknown(bucket, "The bucket's public access block was not collected");
        continue;
      }
      // The account's block applies to every bucket on top of its own: a setting on in either holds.
      const [account] = ctx.inScope("aws.s3.account-public-access-block", bucket.scope);
      const accountSettings = account?.attributes.settings;
      const off = FLAGS.filter((flag) => !block?.[flag] && !accountSettings?.[flag]);
      const evidence = {
        publicAccessBlock: block,
        ...(accountSettings ? { accountPublicAccessBlock: accountSettings } : {}),
      };
      if (off.length === 0) ctx.pass(bucket, evidence);
      // Live, an account block that was not read could still hold what the bucket's leaves off.
      else if (ctx.origin === "live" && accountSettings === undefined)
        ctx.unknown(
          bucket,
          `Bucket ${bucket.name} leaves ${off.join(", ")} off and the account's S3 public access block was not read`,
          evidence,
        );
      else if (block === null && off.length === FLAGS.length)
        ctx.fail(bucket, "noBlock", { bucket: bucket.name }, evidence);
      else ctx.fail(bucket, "partialBlock", { bucket: bucket.name, flags: off.join(", ") }, evidence);
    }
  },
});
