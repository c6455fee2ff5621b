import { defineRule } from "@itaku/core";
import { z } from "zod";
import { firstMatch } from "./software-names";

/** File-sharing clients the contract names (Winny, Share, WinMX) and their common successors. */
const FILE_SHARING = [
  "Winny",
  "Share",
  "WinMX",
  "Perfect Dark",
  "Cabos",
  "LimeWire",
  "BitTorrent",
  "uTorrent",
  "µTorrent",
  "qBittorrent",
  "Transmission",
  "Vuze",
  "Deluge",
  "eMule",
  "BitComet",
  "FrostWire",
];

export default defineRule({
  id: "detection-forbidden-software",
  title: {
    en: "No forbidden software (file sharing) is installed",
    ja: "禁止ソフトウェア（ファイル共有ソフト等）がインストールされていない",
  },
  description: {
    en: "The contract forbids file-sharing software (Winny, Share, WinMX…) and any software the organisation has not allowed. Systems Manager's inventory lists the applications installed on each managed instance; any that matches the forbidden list fails. Judged on live scans only: the inventory of installed applications exists only for running instances.",
    ja: "契約はファイル共有ソフトウェア（Winny、Share、WinMX など）および組織が許可していないソフトウェアの使用を禁じています。Systems Manager のインベントリは管理対象インスタンスごとにインストール済みアプリケーションを列挙します。禁止リストに一致するものがあれば不合格です。ライブのスキャンでのみ判定します。インストール済みアプリケーションのインベントリは稼働中のインスタンスにしかありません。",
  },
  severity: "high",
  controls: ["NIC-1-4-4-5", "IPA-3.1-5"],
  resourceTypes: ["aws.ssm.managed-instance"],
  appliesTo: ["live"],
  options: z
    .object({
      forbidden: z.array(z.string().min(1)).default(FILE_SHARING),
      alsoForbidden: z.array(z.string().min(1)).default([]),
    })
    .strict(),
  optionDocs: {
    forbidden:
      "Application names (whole words, any case) that must not be installed; the default lists file-sharing clients",
    alsoForbidden: "More names to forbid on top of `forbidden` (so the default list stays)",
  },
  messages: {
    installed: "Instance {instance} has forbidden software installed: {applications}",
  },
  remediation: {
    summary:
      "Uninstall the software, find out how it got there, and block it (AppLocker / software restriction, or a State Manager association that removes it).",
    cli: "aws ssm list-inventory-entries --instance-id <instance> --type-name AWS:Application",
  },
  check(ctx, options) {
    const patterns = [...options.forbidden, ...options.alsoForbidden];
    for (const instance of ctx.resources("aws.ssm.managed-instance")) {
      const applications = instance.attributes.applications;
      if (applications === undefined) {
        ctx.unknown(instance, "The instance's application inventory (AWS:Application) was not read");
        continue;
      }
      const found = applications
        .map((app) => ({ app, pattern: firstMatch(app.name, patterns) }))
        .filter((hit) => hit.pattern !== undefined);
      if (found.length > 0) {
        ctx.fail(
          instance,
          "installed",
          {
            instance: instance.attributes.instanceId,
            applications: found
              .map((hit) => `${hit.app.name}${hit.app.version ? ` ${hit.app.version}` : ""}`)
              .join(", "),
          },
          { found },
        );
      } else ctx.pass(instance, { applications: applications.length });
    }
  },
});
