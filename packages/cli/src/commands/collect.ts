// itaku collect: read live systems into a snapshot file; also the live half of `scan`.
import { createPublicKey } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { type ItakuConfig, keyFingerprint, mergeSnapshots, type Snapshot } from "@itaku/core";
import { type AwsFlags, applyAwsFlags, assertMfaAnswerable, mfaCodePrompt } from "../aws-flags";
import { type CommandEnv, type ParsedArgs, UsageError } from "../command";
import { writeFileAtomically } from "../io";
import { loadConfig } from "../pipeline";
import { createProgress, type Progress } from "../progress";
import { loadSigningKey, withProvenance } from "../snapshot-signing";
import { SnapshotStreamWriter } from "../snapshot-stream";

/**
 * Collects what `want` asks for. With `--org`, each account's snapshot goes to `onAccount` as soon
 * as it is read when given (streaming), or is returned with the others.
 */
export async function collectLive(
  want: { aws: boolean; ad: boolean },
  config: ItakuConfig,
  env: CommandEnv,
  progress: Progress,
  flags: AwsFlags = { aws: config.aws ?? {}, org: false },
  onAccount?: (snapshot: Snapshot) => void,
): Promise<Snapshot[]> {
  const snapshots: Snapshot[] = [];
  const options = { progress: (line: string) => progress.step(line), env: env.env, now: env.clock };
  if (want.aws) {
    assertMfaAnswerable(flags.aws, env);
    const aws = await import("@itaku/collector-aws");
    const common = { ...options, configPath: config.path, mfaCode: mfaCodePrompt(env) };
    if (flags.org) {
      progress.step("collecting from every account of the AWS Organization");
      await aws.collectAwsOrganization(flags.aws, {
        ...common,
        ...(flags.shard ? { shard: flags.shard } : {}),
        onAccount: (snapshot) => (onAccount ? onAccount(snapshot) : void snapshots.push(snapshot)),
      });
    } else {
      progress.step("collecting from AWS");
      snapshots.push(await aws.collectAws(flags.aws, common));
    }
  }
  if (want.ad) {
    if (!config.ad) {
      throw new UsageError(
        `--ad needs an \`ad:\` section (url, baseDN, bindDN) in ${config.path ?? "itaku.yaml"}`,
      );
    }
    const { collectAd } = await import("@itaku/collector-ad");
    progress.step(`collecting from Active Directory ${config.ad.url}`);
    snapshots.push(await collectAd(config.ad, { ...options, configFile: config.path }));
  }
  return snapshots;
}

export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const v = args.values;
  if (!v.output) throw new UsageError("--output snapshot.json is required");
  if (!v.aws && !v.ad) throw new UsageError("choose what to collect: --aws, --ad or both");
  const config = loadConfig(v.config as string | undefined, env);
  const flags = applyAwsFlags(config.aws, v);
  if (flags.org && !v.aws) throw new UsageError("--org needs --aws");
  if (v.split && !flags.org) throw new UsageError("--split needs --org (one snapshot per account)");
  const progress = createProgress(env.stderr, Boolean(v.quiet));
  const want = { aws: Boolean(v.aws), ad: Boolean(v.ad) };
  const path = resolve(env.cwd, v.output as string);
  // The key is read before anything is collected: a wrong key fails in a second, not after the scan.
  const signingKey = v.sign ? loadSigningKey(v.sign as string, env) : undefined;
  const signed = signingKey ? `, signed by ${keyFingerprint(createPublicKey(signingKey))}` : "";

  if (v.split) {
    // One file per account in the --output directory, each written as soon as its account is read.
    mkdirSync(path, { recursive: true });
    let accounts = 0;
    const others = await collectLive(want, config, env, progress, flags, (snapshot) => {
      const scope = snapshot.sources[0]!.scope;
      writeFileAtomically(
        join(path, `aws-${scope}.snapshot.json`),
        `${JSON.stringify(withProvenance(snapshot, signingKey), null, 2)}\n`,
      );
      accounts++;
    });
    if (others.length > 0)
      writeFileAtomically(
        join(path, "other.snapshot.json"),
        `${JSON.stringify(withProvenance(mergeSnapshots(others), signingKey), null, 2)}\n`,
      );
    progress.done();
    env.stderr.write(`itaku: wrote ${accounts} account snapshots${signed} to ${v.output}\n`);
    return 0;
  }
  if (flags.org) {
    const writer = new SnapshotStreamWriter(path, env.clock().toISOString(), signingKey);
    try {
      const others = await collectLive(want, config, env, progress, flags, (snapshot) =>
        writer.add(snapshot),
      );
      for (const snapshot of others) writer.add(snapshot);
      writer.finish();
    } catch (error) {
      writer.abort();
      throw error;
    }
    progress.done();
    const gaps = writer.sourceList.reduce((n, s) => n + s.gaps.length, 0);
    env.stderr.write(
      `itaku: wrote ${writer.resourceCount} resources of ${writer.sourceList.length} sources${signed} to ${v.output}${gaps ? ` (${gaps} gaps: some data could not be read)` : ""}\n`,
    );
    return 0;
  }
  const snapshot = withProvenance(
    mergeSnapshots(await collectLive(want, config, env, progress, flags)),
    signingKey,
  );
  writeFileAtomically(path, `${JSON.stringify(snapshot, null, 2)}\n`);
  progress.done();
  const gaps = snapshot.sources.reduce((n, s) => n + s.gaps.length, 0);
  env.stderr.write(
    `itaku: wrote ${snapshot.resources.length} resources${signed} to ${v.output}${gaps ? ` (${gaps} gaps: some data could not be read)` : ""}\n`,
  );
  return 0;
}
