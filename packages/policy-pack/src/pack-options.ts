// What the runnable pack reads at start: itaku.yaml (ITAKU_CONFIG, else ./itaku.yaml when present)
// and the roster it names, so the policies judge with the same settings as `itaku scan`.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type AnyRule, decodeInputText, defaultConfig, parseConfig, parseRoster } from "@itaku/core";
import type { ItakuPolicyOptions } from "./policies";

export function loadPackOptions(
  rules: readonly AnyRule[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): ItakuPolicyOptions {
  const path = env.ITAKU_CONFIG ? resolve(cwd, env.ITAKU_CONFIG) : resolve(cwd, "itaku.yaml");
  const config =
    existsSync(path) || env.ITAKU_CONFIG
      ? parseConfig(decodeInputText(readFileSync(path), path), path, rules)
      : defaultConfig();
  const roster = config.roster
    ? {
        ...parseRoster(
          decodeInputText(readFileSync(config.roster.path), config.roster.path, {
            encoding: config.roster.encoding,
            encodingSetting: "`roster: { path: …, encoding: cp932 }` in itaku.yaml",
          }),
          config.roster.path,
        ),
        ...(config.roster.reviewedAt ? { reviewedAt: config.roster.reviewedAt } : {}),
      }
    : null;
  return {
    rules,
    settings: config.settings,
    ruleOptions: config.ruleOptions,
    disabledRules: config.disabledRules,
    roster,
    snapshot: { region: Array.isArray(config.aws?.regions) ? config.aws.regions[0] : undefined },
  };
}
