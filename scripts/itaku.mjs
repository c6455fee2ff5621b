// `pnpm itaku …` inside the repository: rebuild the bundle when a source changed, then run it from
// the directory the user typed the command in (pnpm runs scripts from the repository root and
// passes that directory as INIT_CWD), so relative paths such as `--config ./itaku.yaml` mean theirs.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
execFileSync(process.execPath, [join(root, "scripts/build-cli.mjs"), "--quiet", "--if-stale"], {
  cwd: root,
  stdio: "inherit",
});
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
await import(pathToFileURL(join(root, "packages/cli/dist/itaku.mjs")).href);
