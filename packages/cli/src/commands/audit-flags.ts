// Flags `audit` and `audit query` share: the config with the AWS credential flags laid over it, the
// period, and the account and region lists.
import type { ItakuConfig } from "@itaku/core";
import { type AwsFlags, applyAwsFlags } from "../aws-flags";
import { type CommandEnv, type ParsedArgs, UsageError } from "../command";
import { loadConfig } from "../pipeline";

/** `a,b , c` → ["a", "b", "c"]; undefined when the flag is absent. */
export const listFlag = (value: unknown): string[] | undefined =>
  typeof value === "string"
    ? value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean)
    : undefined;

/** `--accounts`, each a 12-digit account id. */
export function accountsFlag(value: unknown): string[] | undefined {
  const accounts = listFlag(value);
  for (const account of accounts ?? [])
    if (!/^\d{12}$/.test(account))
      throw new UsageError(`--accounts: "${account}" is not a 12-digit AWS account id`);
  return accounts;
}

/** The config, its `aws:` section overridden by --profile, --region, --role-arn… (flags win). */
export function configWithAwsFlags(
  path: string | undefined,
  values: ParsedArgs["values"],
  env: CommandEnv,
): { config: ItakuConfig; flags: AwsFlags } {
  const loaded = loadConfig(path, env);
  const flags = applyAwsFlags(loaded.aws, values);
  return { config: { ...loaded, aws: flags.aws }, flags };
}

/** The period from --month or --from/--to (default: the last full month in `timeZone`). */
export async function periodFlags(values: ParsedArgs["values"], now: Date, timeZone: string) {
  const { resolvePeriod, PeriodError } = await import("@itaku/audit/audit-entry");
  try {
    return resolvePeriod(
      {
        from: values.from as string | undefined,
        to: values.to as string | undefined,
        month: values.month as string | undefined,
      },
      now,
      timeZone,
    );
  } catch (error) {
    if (error instanceof PeriodError) throw new UsageError((error as Error).message);
    throw error;
  }
}
