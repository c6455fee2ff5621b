// `pnpm bench [name…]`: runs test/bench/<name>.bench.{ts,mjs} (all of them without names), each in
// its own process with --expose-gc so memory figures are its own. TypeScript benches are bundled
// with esbuild first. Figures go to stdout; record them in docs/PERFORMANCE.md with the command.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..");
const folder = join(root, "test/bench");
const available = readdirSync(folder).filter((f) => /\.bench\.(ts|mjs)$/.test(f));
const names = new Set(available.map((f) => f.replace(/\.bench\.(ts|mjs)$/, "")));
// Arguments naming a benchmark select it; everything else (`--size 100000`) is passed to each one.
const wanted = process.argv.slice(2).filter((a) => names.has(a));
const passThrough = process.argv.slice(2).filter((a) => !names.has(a));
const selected = wanted.length
  ? wanted.map((name) => {
      const file = available.find((f) => f.replace(/\.bench\.(ts|mjs)$/, "") === name);
      if (!file) {
        console.error(
          `no benchmark "${name}"; have: ${available.map((f) => f.replace(/\.bench\.(ts|mjs)$/, "")).join(", ")}`,
        );
        process.exit(2);
      }
      return file;
    })
  : available;

const out = join(root, ".cache/bench");
mkdirSync(out, { recursive: true });
let failed = false;
for (const file of selected) {
  let entry = join(folder, file);
  if (file.endsWith(".ts")) {
    const bundled = join(out, file.replace(/\.ts$/, ".mjs"));
    await build({
      entryPoints: [entry],
      outfile: bundled,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      logLevel: "error",
      // Native modules load their .node binary at run time; they resolve from the root node_modules.
      // esbuild itself (used by the audit bench to bundle its worker) cannot be bundled.
      external: ["@pulumi/*", "@duckdb/*", "esbuild"],
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    });
    entry = bundled;
  }
  if (!existsSync(entry)) continue;
  console.log(`\n== ${file} ==`);
  const run = spawnSync(
    process.execPath,
    ["--expose-gc", "--max-old-space-size=16384", entry, ...passThrough],
    {
      stdio: "inherit",
      cwd: root,
    },
  );
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
