// itaku evaluate: saved snapshots in, reports out. Touches no live system.
import { resolve } from "node:path";
import { mergeSnapshots, parseSnapshot } from "@itaku/core";
import { type CommandEnv, type ParsedArgs, UsageError } from "../command";
import { readTextFile } from "../io";
import { emitReports, evaluateSnapshot, loadConfig, loadRoster, planOutput, resolveNow } from "../pipeline";
import { createProgress } from "../progress";

export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  if (args.positionals.length === 0) throw new UsageError("give at least one snapshot file");
  const plan = planOutput(args.values, env);
  const now = resolveNow(args.values.now as string | undefined, env.clock());
  const config = loadConfig(args.values.config as string | undefined, env);
  const roster = loadRoster(config, args.values.roster as string | undefined, env);
  const progress = createProgress(env.stderr, Boolean(args.values.quiet));
  const snapshots = args.positionals.map((file) => {
    const path = resolve(env.cwd, file);
    progress.step(`reading ${file}`);
    return parseSnapshot(readTextFile(path, "snapshot"), path);
  });
  progress.step("evaluating");
  const result = evaluateSnapshot(mergeSnapshots(snapshots), config, roster, now);
  progress.done();
  return emitReports(result, plan, env);
}
