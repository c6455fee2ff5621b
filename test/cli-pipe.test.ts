// `itaku … | head`: the reader closes the pipe after the first bytes; the CLI ends quietly (exit 0,
// no "internal error", no stack) instead of crashing with EPIPE.
import { spawn } from "node:child_process";
import { CLI_PATH, REPO_ROOT } from "./harness/cli";

test("stdout closed early (EPIPE) ends the run quietly", async () => {
  const child = spawn(process.execPath, [CLI_PATH, "scan", "--demo", "--format", "json", "--quiet"], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  // Like `head -c 1`: read one chunk, then close the read end of the pipe.
  child.stdout.once("data", () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
});
