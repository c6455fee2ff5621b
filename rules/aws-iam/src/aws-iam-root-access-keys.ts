import { defineRule } from "@itaku/core";
import { rootMissingReason, rootOf } from "./root-of-account";

export default defineRule({
  id: "aws-iam-root-access-keys",
  title: { en: "The root user has no active access keys", ja: "ルートユーザーに有効なアクセスキーがない" },
  description: {
    en: "A root access key gives unlimited API access that belongs to no individual and cannot be limited by any policy; the account's privileged access must go through named, least-privilege principals.",
    ja: "ルートのアクセスキーは誰にも紐付かず、ポリシーで制限できない無制限のAPI権限となる。特権操作は個人に紐付く最小権限のプリンシパルで行う。",
  },
  severity: "critical",
  controls: ["NIC-1-4-2-1", "NIC-1-4-2-2", "IPA-4.1-1"],
  resourceTypes: ["aws.account"],
  reads: ["aws.iam.root"],
  appliesTo: ["live"],
  messages: { activeKey: "The root user of account {account} has {count} active access key(s)" },
  remediation: {
    summary:
      "Sign in as root, delete its access keys (Security credentials → Access keys), and give the workloads that used them IAM roles.",
  },
  check(ctx) {
    for (const account of ctx.resources("aws.account")) {
      const root = rootOf(ctx, account);
      if (!root) {
        ctx.unknown(account, rootMissingReason(ctx, account));
        continue;
      }
      const active = root.attributes.accessKeys.filter((key) => key.active);
      if (active.length > 0) {
        ctx.fail(
          account,
          "activeKey",
          { account: account.scope, count: active.length },
          { keys: active.map((k) => k.id) },
        );
      } else ctx.pass(account, { root: root.id });
    }
  },
});
