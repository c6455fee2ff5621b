// Bundles the CLI (and every workspace package it imports) into packages/cli/dist with esbuild.
// Heavy optional dependencies stay external and load only when their command runs.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const quiet = process.argv.includes("--quiet");
// `--outdir DIR`: where the bundle goes (the packed package uses packages/cli/lib, the clone dist).
const outdirFlag = process.argv.indexOf("--outdir");
const OUTDIR = outdirFlag > 0 ? process.argv[outdirFlag + 1] : "packages/cli/dist";
const OUTPUT = `${OUTDIR}/itaku.mjs`;

/** Newest modification time of the sources the bundle is made of (and of the lockfile). */
function newestSource() {
  let newest = statSync("pnpm-lock.yaml").mtimeMs;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name === "dist") continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const root of ["packages", "rules", "reports"]) walk(root);
  return newest;
}

// `--if-stale` (used by `pnpm itaku`) skips the build when the bundle is newer than every source.
if (process.argv.includes("--if-stale") && existsSync(OUTPUT) && statSync(OUTPUT).mtimeMs > newestSource()) {
  process.exit(0);
}
const started = performance.now();
// The access-log audit starts worker threads from separate entry points beside the CLI: the worker
// and the sink modules it loads by path (the detections' sink once it exists).
const auditEntries = {
  "audit-worker": "packages/audit/src/sources/worker.ts",
  ...(existsSync("packages/audit/src/detections-sink.ts")
    ? { "audit-detections-sink": "packages/audit/src/detections-sink.ts" }
    : {}),
};
await build({
  entryPoints: { itaku: "packages/cli/src/bin.ts", ...auditEntries },
  outdir: OUTDIR,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22", // the oldest Node LTS in engines
  sourcemap: process.argv.includes("--no-sourcemap") ? false : "linked",
  logLevel: quiet ? "error" : "warning",
  external: ["@pulumi/*", "esbuild", "puppeteer-core", "@duckdb/*"],
  // CommonJS dependencies that call require() need it defined inside an ES module bundle.
  banner: {
    js: "import { createRequire as __itakuCreateRequire } from 'node:module'; const require = __itakuCreateRequire(import.meta.url);",
  },
});
if (!quiet) console.error(`built ${OUTDIR} in ${Math.round(performance.now() - started)} ms`);
