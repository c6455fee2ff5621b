// Every rule package the CLI ships. A rule package is a list of rules; order here is display order.
import type { AnyRule } from "@itaku/core";
import { rules as accounts } from "@itaku/rules-accounts";
import { rules as activeDirectory } from "@itaku/rules-active-directory";
import { rules as awsIam } from "@itaku/rules-aws-iam";
import { rules as logging } from "@itaku/rules-logging";
import { rules as networkEgress } from "@itaku/rules-network-egress";

export const rulePackages: readonly { name: string; rules: readonly AnyRule[] }[] = [
  { name: "accounts", rules: accounts },
  { name: "aws-iam", rules: awsIam },
  { name: "active-directory", rules: activeDirectory },
  { name: "logging", rules: logging },
  { name: "network-egress", rules: networkEgress },
];

export const allRules: readonly AnyRule[] = rulePackages.flatMap((p) => p.rules);

export const packageOfRule = (id: string): string | undefined =>
  rulePackages.find((p) => p.rules.some((r) => r.id === id))?.name;
