// itaku collect: read live systems into a snapshot file; also the live half of `scan`.
import { resolve } from "node:path";
import { type ItakuConfig, mergeSnapshots, type Snapshot } from "@itaku/core";
import { type CommandEnv, type ParsedArgs, UsageError } from "../command";
import { writeFileAtomically } from "../io";
import { loadConfig } from "../pipeline";
import { createProgress, type Progress } from "../progress";

export async function collectLive(
  want: { aws: boolean; ad: boolean },
  config: ItakuConfig,
  env: CommandEnv,
  progress: Progress,
): Promise<Snapshot[]> {
  const snapshots: Snapshot[] = [];
  const options = { progress: (line: string) => progress.step(line), env: env.env, now: env.clock };
  if (want.aws) {
    const { collectAws } = await import("@itaku/collector-aws");
    progress.step("collecting from AWS");
    snapshots.push(await collectAws(config.aws, { ...options, configPath: config.path }));
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
  const progress = createProgress(env.stderr, Boolean(v.quiet));
  const snapshot = mergeSnapshots(
    await collectLive({ aws: Boolean(v.aws), ad: Boolean(v.ad) }, config, env, progress),
  );
  const path = resolve(env.cwd, v.output as string);
  writeFileAtomically(path, `${JSON.stringify(snapshot, null, 2)}\n`);
  progress.done();
  const gaps = snapshot.sources.reduce((n, s) => n + s.gaps.length, 0);
  env.stderr.write(
    `itaku: wrote ${snapshot.resources.length} resources to ${v.output}${gaps ? ` (${gaps} gaps: some data could not be read)` : ""}\n`,
  );
  return 0;
}
