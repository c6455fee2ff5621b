// The AWS credential and organisation flags (declared in cli.ts) of scan and collect: parsed here,
// laid over the config's `aws:` section (flags win), and the MFA code asked for on a terminal.
import { createInterface } from "node:readline/promises";
import type { AwsConfig } from "@itaku/core";
import { type CommandEnv, type ParsedArgs, UsageError } from "./command";

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const MFA_SERIAL = /^(arn:aws[a-z-]*:iam::\d{12}:mfa\/[\w+=,.@/-]+|[A-Z0-9]{9,64})$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

export interface AwsFlags {
  aws: AwsConfig;
  org: boolean;
  shard?: { index: number; count: number };
}

/** The config's `aws:` settings with the flags laid over them; bad flag values are usage errors. */
export function applyAwsFlags(configured: AwsConfig | undefined, values: ParsedArgs["values"]): AwsFlags {
  const aws: AwsConfig = { ...(configured ?? {}) };
  const text = (name: string) => values[name] as string | undefined;
  if (text("profile") !== undefined) aws.profile = text("profile");
  const regions = ((values.region as string[] | undefined) ?? [])
    .flatMap((r) => r.split(","))
    .map((r) => r.trim())
    .filter(Boolean);
  if (regions.includes("all-enabled")) {
    if (regions.length > 1)
      throw new UsageError("--region all-enabled cannot be combined with other regions");
    aws.regions = "all-enabled";
  } else if (regions.length > 0) {
    for (const region of regions) {
      if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))
        throw new UsageError(`--region "${region}" is not an AWS region (for example ap-northeast-1)`);
    }
    aws.regions = [...new Set(regions)];
  }
  const roleArn = text("role-arn");
  if (roleArn !== undefined) {
    if (!ROLE_ARN.test(roleArn))
      throw new UsageError(`--role-arn "${roleArn}" is not a role ARN (arn:aws:iam::<account>:role/<name>)`);
    aws.roleArn = roleArn;
  }
  if (text("external-id") !== undefined) aws.externalId = text("external-id");
  if (text("role-session-name") !== undefined) {
    const name = text("role-session-name")!;
    if (!/^[\w+=,.@-]{2,64}$/.test(name))
      throw new UsageError(`--role-session-name "${name}" must be 2–64 of letters, digits and +=,.@_-`);
    aws.sessionName = name;
  }
  const mfaSerial = text("mfa-serial");
  if (mfaSerial !== undefined) {
    if (!MFA_SERIAL.test(mfaSerial))
      throw new UsageError(
        `--mfa-serial "${mfaSerial}" is not an MFA device (arn:aws:iam::<account>:mfa/<name>)`,
      );
    aws.mfaSerial = mfaSerial;
  }
  const org = Boolean(values.org);
  const orgRole = text("org-role");
  if (orgRole !== undefined) {
    if (!org) throw new UsageError("--org-role needs --org");
    if (!ROLE_NAME.test(orgRole)) throw new UsageError(`--org-role "${orgRole}" is not an IAM role name`);
  }
  if (org) {
    // The config's other settings (externalId, accounts, requestsPerSecond…) stay as they are.
    aws.organization = {
      ...aws.organization,
      roleName: orgRole ?? aws.organization?.roleName ?? "OrganizationAccountAccessRole",
      excludeAccounts: aws.organization?.excludeAccounts ?? [],
      concurrency: aws.organization?.concurrency ?? 8,
    };
  }
  const shardText = text("shard");
  let shard: AwsFlags["shard"];
  if (shardText !== undefined) {
    if (!org) throw new UsageError("--shard needs --org");
    const match = /^(\d+)\/(\d+)$/.exec(shardText);
    const index = Number(match?.[1]);
    const count = Number(match?.[2]);
    if (!match || count < 1 || index < 1 || index > count)
      throw new UsageError(`--shard "${shardText}" must be I/N with 1 ≤ I ≤ N, e.g. 2/4`);
    shard = { index, count };
  }
  return { aws, org, ...(shard ? { shard } : {}) };
}

/**
 * With an MFA device configured and neither ITAKU_MFA_CODE nor a terminal, nobody can answer the
 * prompt: say so before any request rather than fail inside the credential provider.
 */
export function assertMfaAnswerable(aws: AwsConfig, env: CommandEnv): void {
  if (aws.mfaSerial && !env.env.ITAKU_MFA_CODE && !process.stdin.isTTY) {
    throw new UsageError(
      `--mfa-serial ${aws.mfaSerial}: no terminal to ask for the MFA code; set ITAKU_MFA_CODE for unattended runs`,
    );
  }
}

/**
 * Asks for the MFA code: from ITAKU_MFA_CODE when set (CI), otherwise on the terminal. Without a
 * terminal there is nobody to ask: a clear usage error rather than a hang.
 */
export function mfaCodePrompt(env: CommandEnv): (serial: string) => Promise<string> {
  return async (serial) => {
    const fromEnv = env.env.ITAKU_MFA_CODE;
    if (fromEnv) return fromEnv.trim();
    if (!process.stdin.isTTY) {
      throw new UsageError(
        `--mfa-serial ${serial}: no terminal to ask for the MFA code; set ITAKU_MFA_CODE for unattended runs`,
      );
    }
    const prompt = createInterface({ input: process.stdin, output: env.stderr as NodeJS.WritableStream });
    try {
      const code = (await prompt.question(`MFA code for ${serial}: `)).trim();
      if (!/^\d{6}$/.test(code)) throw new UsageError("the MFA code is 6 digits");
      return code;
    } finally {
      prompt.close();
    }
  };
}
