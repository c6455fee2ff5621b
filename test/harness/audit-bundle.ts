// Bundles the audit's worker entry and a sink module with esbuild into a temp folder, the way
// scripts/build-cli.mjs does for the CLI, so tests running TypeScript under jest can start real
// worker threads (a worker cannot load .ts files itself). The sink is bundled as CommonJS so that
// both jest's main thread and the ESM workers can load the same file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const REPO_ROOT = resolve(__dirname, "../..");

export interface AuditBundle {
  workerScript: string;
  sinkModule: string;
  cleanup(): void;
}

export async function bundleAuditWorker(sinkEntry: string): Promise<AuditBundle> {
  const outdir = mkdtempSync(join(tmpdir(), "itaku-audit-bundle-"));
  await build({
    entryPoints: { "audit-worker": join(REPO_ROOT, "packages/audit/src/sources/worker.ts") },
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "error",
    banner: {
      js: "import { createRequire as __itakuCreateRequire } from 'node:module'; const require = __itakuCreateRequire(import.meta.url);",
    },
  });
  // The sink as CommonJS: jest's main thread (CJS) and the ESM workers can both load it.
  await build({
    entryPoints: [sinkEntry],
    outfile: join(outdir, "sink.cjs"),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    logLevel: "error",
  });
  return {
    workerScript: join(outdir, "audit-worker.mjs"),
    sinkModule: join(outdir, "sink.cjs"),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
