import { defineRule } from "@itaku/core";
import { z } from "zod";
import { firstMatch } from "./software-names";

/** Anti-virus and EDR products as they appear in SSM's AWS:Application inventory. */
const ANTIVIRUS = [
  "ClamAV",
  "Microsoft Defender",
  "Windows Defender",
  "mdatp",
  "falcon-sensor",
  "CrowdStrike",
  "Trend Micro",
  "Deep Security Agent",
  "ds_agent",
  "SentinelOne",
  "Symantec Endpoint Protection",
  "Sophos",
  "ESET",
  "McAfee",
  "Trellix",
  "Cortex XDR",
  "Cybereason",
];

export default defineRule({
  id: "detection-antivirus-missing",
  title: {
    en: "Anti-virus is installed on every managed instance",
    ja: "すべての管理対象インスタンスにウイルス対策ソフトが導入されている",
  },
  description: {
    en: "The contract asks for anti-virus on the machines that handle the information, with current definitions, real-time and periodic full scans. Without an anti-virus product none of that can happen: an instance whose installed applications (Systems Manager inventory) include none of the configured products fails. Definitions and scan schedules are not visible here and stay attested. Judged on live scans only: the inventory of installed applications exists only for running instances.",
    ja: "契約は情報を扱う端末にウイルス対策ソフトを導入し、定義ファイルを最新に保ち、リアルタイム検査と定期的な全ファイル検査を行うことを求めています。ウイルス対策ソフトが無ければそのいずれも行えません。インストール済みアプリケーション（Systems Manager インベントリ）に設定した製品が一つも無いインスタンスは不合格です。定義ファイルや検査スケジュールはここからは見えないため、引き続き申告で確認します。ライブのスキャンでのみ判定します。インストール済みアプリケーションのインベントリは稼働中のインスタンスにしかありません。",
  },
  severity: "high",
  controls: ["NIC-1-4-5-2", "IPA-3.1-1", "IPA-3.1-3"],
  resourceTypes: ["aws.ssm.managed-instance"],
  appliesTo: ["live"],
  options: z.object({ products: z.array(z.string().min(1)).min(1).default(ANTIVIRUS) }).strict(),
  optionDocs: {
    products:
      "Application names (whole words, any case) that count as anti-virus; list your product. Windows' built-in Defender is not in the inventory: name the agent you report it with",
  },
  messages: {
    missing: "Instance {instance} has no anti-virus among its {count} installed applications",
  },
  remediation: {
    summary:
      "Install the organisation's anti-virus / EDR agent (for example through a Distributor package and a State Manager association) and keep its definitions current.",
    cli: "aws ssm list-inventory-entries --instance-id <instance> --type-name AWS:Application",
  },
  check(ctx, options) {
    for (const instance of ctx.resources("aws.ssm.managed-instance")) {
      const applications = instance.attributes.applications;
      if (applications === undefined) {
        ctx.unknown(instance, "The instance's application inventory (AWS:Application) was not read");
        continue;
      }
      const product = applications.find((app) => firstMatch(app.name, options.products) !== undefined);
      if (product) ctx.pass(instance, { product: product.name, version: product.version });
      else
        ctx.fail(instance, "missing", {
          instance: instance.attributes.instanceId,
          count: applications.length,
        });
    }
  },
});
