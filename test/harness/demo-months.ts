// The demo's two months as Result files, written by the CLI as a user would: this month (`scan --demo`)
// and last month (`evaluate` of demo/history/2026-10 as of 2026-10-20), for the monthly report's tests.
import { join } from "node:path";
import { REPO_ROOT, runCli } from "./cli";

export async function writeDemoMonths(folder: string): Promise<{ current: string; previous: string }> {
  const current = join(folder, "current.json");
  const previous = join(folder, "previous.json");
  const scan = await runCli([
    "scan",
    "--demo",
    "-q",
    "--fail-on",
    "none",
    "--format",
    "json",
    "--report",
    `json=${current}`,
  ]);
  if (scan.code !== 0) throw new Error(`scan --demo failed: ${scan.stderr}`);
  const history = join(REPO_ROOT, "demo/history/2026-10");
  const evaluate = await runCli([
    "evaluate",
    ...["ad", "aws-iam", "aws-network"].map((n) => join(history, `${n}.snapshot.json`)),
    ...["--config", join(history, "itaku.yaml"), "--now", "2026-10-20T00:00:00Z", "-q"],
    ...["--fail-on", "none", "--report", `json=${previous}`],
  ]);
  if (evaluate.code !== 0) throw new Error(`evaluate of demo/history/2026-10 failed: ${evaluate.stderr}`);
  return { current, previous };
}
