// itaku scan: gather snapshots from every requested source, evaluate, report, exit by severity.
import { join, resolve } from "node:path";
import { type ItakuConfig, mergeSnapshots, type ScopedEvaluation, type Snapshot } from "@itaku/core";
import { applyAwsFlags } from "../aws-flags";
import { type CommandEnv, type ParsedArgs, UsageError } from "../command";
import { DEMO_NOW, demoDirectory, demoSnapshotFiles } from "../demo";
import { readSnapshot as readSnapshotFile, readTextFile } from "../io";
import {
  emitReports,
  evaluateSnapshot,
  loadConfig,
  loadRoster,
  planOutput,
  resolveNow,
  scopedEvaluation,
} from "../pipeline";
import { createProgress, type Progress } from "../progress";
import { loadVerifyKey, readSnapshotFiles } from "../snapshot-signing";
import { collectLive } from "./collect";

export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const v = args.values;
  const demo = Boolean(v.demo);
  const sources = ["aws", "ad", "snapshot", "pulumi-state", "pulumi-preview"].filter(
    (k) => v[k] !== undefined,
  );
  if (!demo && sources.length === 0) {
    throw new UsageError(
      "nothing to scan: give --aws, --ad, --snapshot F, --pulumi-state F, --pulumi-preview F or --demo",
    );
  }
  const plan = planOutput(v, env);
  const now = resolveNow(v.now as string | undefined, demo ? DEMO_NOW : env.clock());
  const configPath =
    (v.config as string | undefined) ?? (demo ? join(demoDirectory(), "itaku.yaml") : undefined);
  const config = loadConfig(configPath, env);
  const roster = loadRoster(config, v.roster as string | undefined, env);
  const progress = createProgress(env.stderr, Boolean(v.quiet));

  const snapshots: Snapshot[] = [];
  if (demo) for (const file of demoSnapshotFiles()) snapshots.push(readSnapshot(file, progress));
  // Snapshots the user names are checked and their provenance reported, as in evaluate.
  const snapshotFiles = (v.snapshot as string[] | undefined) ?? [];
  if (v.verify && snapshotFiles.length === 0) throw new UsageError("--verify needs --snapshot FILE");
  const trusted = v.verify ? loadVerifyKey(v.verify as string, env) : undefined;
  const named = readSnapshotFiles(
    snapshotFiles.map((file) => ({ path: resolve(env.cwd, file), label: file })),
    trusted,
    (file) => progress.step(`reading ${file}`),
  );
  snapshots.push(...named.snapshots);
  const flags = applyAwsFlags(config.aws, v);
  if (flags.org && !v.aws) throw new UsageError("--org needs --aws");
  if (flags.org) {
    // The organisation is judged account by account as each is read (see ScopedEvaluation); the
    // other sources of the run are read first and form one part of their own.
    snapshots.push(...(await readPulumi(v, config, env, progress)));
    const evaluation = scopedEvaluation(config, roster, now);
    if (snapshots.length > 0) addPart(evaluation, merge(snapshots));
    const collectedAt = env.clock().toISOString();
    const others = await collectLive(
      { aws: true, ad: Boolean(v.ad) },
      config,
      env,
      progress,
      flags,
      (account) => addPart(evaluation, account),
    );
    if (others.length > 0) addPart(evaluation, merge(others));
    progress.step("evaluating the rules that span accounts");
    const result = evaluation.finish(collectedAt);
    progress.done();
    return emitReports(result, plan, env);
  }
  snapshots.push(
    ...(await collectLive({ aws: Boolean(v.aws), ad: Boolean(v.ad) }, config, env, progress, flags)),
  );
  snapshots.push(...(await readPulumi(v, config, env, progress)));

  progress.step(`evaluating ${snapshots.reduce((n, s) => n + s.resources.length, 0)} resources`);
  const result = evaluateSnapshot(merge(snapshots), config, roster, now);
  progress.done();
  return emitReports(
    named.provenance.length > 0 ? { ...result, provenance: named.provenance } : result,
    plan,
    env,
  );
}

function addPart(evaluation: ScopedEvaluation, part: Snapshot): void {
  try {
    evaluation.add(part);
  } catch (error) {
    // An account also given as a snapshot file, or code mixed with live data.
    throw new UsageError(
      `${(error as Error).message}: scan the organisation on its own, or collect it and use \`itaku evaluate\` to merge`,
    );
  }
}

function readSnapshot(path: string, progress: Progress): Snapshot {
  progress.step(`reading ${path}`);
  return readSnapshotFile(path);
}

function merge(snapshots: Snapshot[]): Snapshot {
  try {
    return mergeSnapshots(snapshots);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function readPulumi(
  v: ParsedArgs["values"],
  config: ItakuConfig,
  env: CommandEnv,
  progress: Progress,
): Promise<Snapshot[]> {
  const state = v["pulumi-state"] as string | undefined;
  const preview = v["pulumi-preview"] as string | undefined;
  if (!state && !preview) return [];
  const pulumi = await import("@itaku/collector-pulumi");
  const options = { confidential: config.settings.confidential, now: env.clock };
  const out: Snapshot[] = [];
  if (state) {
    const path = resolve(env.cwd, state);
    progress.step(`reading Pulumi stack export ${state}`);
    out.push(pulumi.snapshotFromStackExport(readTextFile(path, "Pulumi stack export"), path, options));
  }
  if (preview) {
    const path = resolve(env.cwd, preview);
    progress.step(`reading Pulumi preview ${preview}`);
    out.push(pulumi.snapshotFromPreview(readTextFile(path, "Pulumi preview"), path, options));
  }
  return out;
}
