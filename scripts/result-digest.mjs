// `node scripts/result-digest.mjs [--cli PATH] [--size N]`: a digest (sha256 and byte count) of what
// the built CLI prints for the demo (every format) and for a generated snapshot of N resources
// (default 100,000; `--format json`, every finding). Run it before and after a change meant to make
// evaluation or the writers faster: the digests must not change. `--cli` runs another build of the
// CLI (e.g. `node scripts/build-cli.mjs --outdir .cache/base-cli` on the commit before) so both runs
// can be compared side by side. The generated snapshot is written once to .cache/bench/ and reused, so
// both runs read the same input (delete it after changing test/bench/generate-snapshot.ts).
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const flag = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const cli = resolve(flag("--cli", join(root, "packages/cli/dist/itaku.mjs")));
const size = Number(flag("--size", "100000"));
if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`pnpm build\` first`);

const generated = join(root, ".cache/bench", `digest-snapshot-${size}.json`);
if (!existsSync(generated)) {
  mkdirSync(join(root, ".cache/bench"), { recursive: true });
  const write = spawnSync(
    process.execPath,
    [join(root, "scripts/bench.mjs"), "engine", "--size", String(size), "--write-snapshot", generated],
    { cwd: root, stdio: "inherit" },
  );
  if (write.status !== 0) throw new Error("writing the generated snapshot failed");
}

/** Runs the CLI and hashes its stdout as it streams (a large JSON Result does not fit in a string). */
function digest(args) {
  return new Promise((ok, fail) => {
    const hash = createHash("sha256");
    let bytes = 0;
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", fail);
    child.on("close", (code) => {
      if (code !== 0 && code !== 1) fail(new Error(`${args.join(" ")} exited ${code}: ${stderr}`));
      else ok({ sha: hash.digest("hex").slice(0, 16), bytes, code });
    });
  });
}

const fixed = ["--now", "2026-11-20", "-q"];
const runs = [
  ...["json", "table", "markdown", "sarif", "junit", "csv", "html"].map((format) => [
    `demo --format ${format}`,
    ["scan", "--demo", "--format", format, ...fixed],
  ]),
  [
    `generated ${size.toLocaleString("en")} --format json`,
    ["evaluate", generated, "--config", "demo/itaku.yaml", "--format", "json", "--fail-on", "none", ...fixed],
  ],
];
console.log(`cli: ${cli}`);
for (const [label, args] of runs) {
  const { sha, bytes, code } = await digest(args);
  console.log(`${label.padEnd(36)} ${sha}  ${bytes.toLocaleString("en").padStart(13)} bytes  exit ${code}`);
}
