// itaku evaluate: saved snapshots in, reports out. Touches no live system.
import { resolve } from "node:path";
import { InputError, mergeSnapshots, type Snapshot } from "@itaku/core";
import { type CommandEnv, type ParsedArgs, UsageError } from "../command";
import { emitReports, evaluateSnapshot, loadConfig, loadRoster, planOutput, resolveNow } from "../pipeline";
import { createProgress } from "../progress";
import { loadVerifyKey, readSnapshotFiles } from "../snapshot-signing";

export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  if (args.positionals.length === 0) throw new UsageError("give at least one snapshot file");
  const plan = planOutput(args.values, env);
  const now = resolveNow(args.values.now as string | undefined, env.clock());
  const config = loadConfig(args.values.config as string | undefined, env);
  const roster = loadRoster(config, args.values.roster as string | undefined, env);
  const trusted = args.values.verify ? loadVerifyKey(args.values.verify as string, env) : undefined;
  const progress = createProgress(env.stderr, Boolean(args.values.quiet));
  const paths = args.positionals.map((file) => resolve(env.cwd, file));
  const read = readSnapshotFiles(
    args.positionals.map((file, i) => ({ path: paths[i]!, label: file })),
    trusted,
    (file) => progress.step(`reading ${file}`),
  );
  const snapshots = read.snapshots.map((snapshot, i) => ({ path: paths[i]!, snapshot }));
  refuseMixedOrigins(snapshots);
  progress.step("evaluating");
  const result = evaluateSnapshot(mergeSnapshots(snapshots.map((s) => s.snapshot)), config, roster, now);
  progress.done();
  return emitReports({ ...result, provenance: read.provenance }, plan, env);
}

/**
 * Live and IaC snapshots answer different questions (what runs vs. what a program declares), and
 * rules are chosen by origin, so one evaluation cannot hold both: say which file is which.
 */
function refuseMixedOrigins(snapshots: { path: string; snapshot: Snapshot }[]): void {
  const first = snapshots[0];
  const other = snapshots.find((s) => s.snapshot.origin !== first?.snapshot.origin);
  if (!first || !other) return;
  throw new InputError(
    other.path,
    undefined,
    `an ${other.snapshot.origin} snapshot cannot be evaluated together with the ${first.snapshot.origin} snapshot ${first.path}: evaluate each origin in its own run`,
  );
}
