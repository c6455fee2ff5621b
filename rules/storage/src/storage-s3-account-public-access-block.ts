import { defineRule } from "@itaku/core";
import { PUBLIC_ACCESS_BLOCK_SETTINGS } from "./public-access-block";

export default defineRule({
  id: "storage-s3-account-public-access-block",
  title: {
    en: "The account blocks public access to S3",
    ja: "アカウント全体で S3 のパブリックアクセスがブロックされている",
  },
  description: {
    en: "Confidential information must be stored where only the personnel can reach it. The account-level S3 public access block overrides every bucket's own settings, so a bucket created tomorrow without one, or a policy opened by mistake, still cannot make data public. All four settings must be on.",
    ja: "機密情報は従事者だけがアクセスできる場所に保管する必要があります。アカウント単位の S3 パブリックアクセスブロックは各バケットの設定に優先するため、明日作られたブロックのないバケットや誤って公開したポリシーでもデータは公開されません。4 つの設定すべてを有効にする必要があります。",
  },
  severity: "medium",
  controls: ["NIC-1-2-5"],
  resourceTypes: ["aws.s3.account-public-access-block"],
  appliesTo: ["live", "iac"],
  messages: {
    noBlock: "Account {account} has no S3 public access block",
    partialBlock: "Account {account} leaves {flags} off in its S3 public access block",
  },
  remediation: {
    summary: "Turn on all four settings of the account's S3 public access block.",
    pulumi:
      'new aws.s3.AccountPublicAccessBlock("account", { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true });',
    cli: "aws s3control put-public-access-block --account-id <account> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
  },
  check(ctx) {
    for (const block of ctx.resources("aws.s3.account-public-access-block")) {
      const { settings } = block.attributes;
      if (settings === undefined) ctx.unknown(block, "The account's S3 public access block was not read");
      else if (settings === null) ctx.fail(block, "noBlock", { account: block.scope });
      else {
        const off = PUBLIC_ACCESS_BLOCK_SETTINGS.filter((flag) => !settings[flag]);
        if (off.length === 0) ctx.pass(block, { settings });
        else ctx.fail(block, "partialBlock", { account: block.scope, flags: off.join(", ") }, { settings });
      }
    }
  },
});
