// Every rule package the CLI ships. A rule package is a list of rules; order here is display order.
import type { AnyDetection, AnyRule, CheckMeta } from "@itaku/core";
import { detections as accessLog } from "@itaku/rules-access-log";
import { rules as accounts } from "@itaku/rules-accounts";
import { rules as activeDirectory } from "@itaku/rules-active-directory";
import { rules as awsIam } from "@itaku/rules-aws-iam";
import { rules as detection } from "@itaku/rules-detection";
import { rules as logging } from "@itaku/rules-logging";
import { rules as networkEgress } from "@itaku/rules-network-egress";
import { rules as storage } from "@itaku/rules-storage";

export const rulePackages: readonly { name: string; rules: readonly AnyRule[] }[] = [
  { name: "accounts", rules: accounts },
  { name: "aws-iam", rules: awsIam },
  { name: "active-directory", rules: activeDirectory },
  { name: "logging", rules: logging },
  { name: "network-egress", rules: networkEgress },
  { name: "storage", rules: storage },
  { name: "detection", rules: detection },
];

export const allRules: readonly AnyRule[] = rulePackages.flatMap((p) => p.rules);

/** The access-log audit's detections (rules over CloudTrail events), by package. */
export const detectionPackages: readonly { name: string; detections: readonly AnyDetection[] }[] = [
  { name: "access-log", detections: accessLog },
];

export const allDetections: readonly AnyDetection[] = detectionPackages.flatMap((p) => p.detections);

/** Rules and detections: what `itaku rules` lists, the config's `rules:` may name, and docs describe. */
export const allChecks: readonly CheckMeta[] = [...allRules, ...allDetections];

export const packageOfRule = (id: string): string | undefined =>
  rulePackages.find((p) => p.rules.some((r) => r.id === id))?.name ??
  detectionPackages.find((p) => p.detections.some((d) => d.id === id))?.name;
