// Bundles the CLI (and every workspace package it imports) into packages/cli/dist with esbuild.
// Heavy optional dependencies stay external and load only when their command runs.
import { build } from "esbuild";

const quiet = process.argv.includes("--quiet");
const started = performance.now();
await build({
  entryPoints: { itaku: "packages/cli/src/bin.ts" },
  outdir: "packages/cli/dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  logLevel: quiet ? "error" : "warning",
  external: ["@pulumi/*", "esbuild"],
  // CommonJS dependencies that call require() need it defined inside an ES module bundle.
  banner: {
    js: "import { createRequire as __itakuCreateRequire } from 'node:module'; const require = __itakuCreateRequire(import.meta.url);",
  },
});
if (!quiet) console.error(`built packages/cli/dist in ${Math.round(performance.now() - started)} ms`);
