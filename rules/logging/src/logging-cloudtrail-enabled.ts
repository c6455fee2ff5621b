import { defineRule, gapsIn } from "@itaku/core";

export default defineRule({
  id: "logging-cloudtrail-enabled",
  title: {
    en: "CloudTrail records the account's activity",
    ja: "CloudTrail でアカウントの操作を記録している",
  },
  description: {
    en: "Every AWS account needs at least one CloudTrail trail that is logging, so that sign-ins and operations on the confidential environment leave a record. An account with no trail fails.",
    ja: "各 AWS アカウントには記録中の CloudTrail 証跡が少なくとも 1 つ必要です。ログインや操作の記録（アクセスログ）を残すためです。証跡のないアカウントは不合格です。",
  },
  severity: "high",
  controls: ["NIC-1-4-3-1", "IPA-1.1-6", "IPA-2.1-5"],
  resourceTypes: ["aws.account"],
  reads: ["aws.cloudtrail.trail"],
  appliesTo: ["live", "iac"],
  messages: {
    noTrail: "No CloudTrail trail exists in account {account}",
    noneLogging: "CloudTrail trails exist in account {account} but none is logging ({trails})",
  },
  remediation: {
    summary: "Create a multi-region trail (or an organization trail) and start logging.",
    pulumi:
      'new aws.cloudtrail.Trail("audit", { s3BucketName: bucket.id, isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: key.arn, enableLogging: true });',
    cli: "aws cloudtrail create-trail --name audit --s3-bucket-name <bucket> --is-multi-region-trail --enable-log-file-validation --kms-key-id <key> && aws cloudtrail start-logging --name audit",
  },
  check(ctx) {
    for (const account of ctx.resources("aws.account")) {
      const own = ctx.inScope("aws.cloudtrail.trail", account.scope);
      const logging = own.filter((t) => t.attributes.logging === true);
      if (logging.length > 0) {
        ctx.pass(account, { trails: logging.map((t) => t.id) });
        continue;
      }
      const gaps = gapsIn(ctx, account, ["aws.cloudtrail.trail"]);
      if (gaps.length > 0) {
        ctx.unknown(account, "CloudTrail could not be read in every region", { gaps });
      } else if (own.length === 0) {
        ctx.fail(account, "noTrail", { account: account.scope });
      } else if (own.some((t) => t.attributes.logging === undefined)) {
        ctx.unknown(account, "The logging status of some trails was not collected", {
          trails: own.map((t) => t.id),
        });
      } else {
        ctx.fail(account, "noneLogging", {
          account: account.scope,
          trails: own.map((t) => t.name).join(", "),
        });
      }
    }
  },
});
