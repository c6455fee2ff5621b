// The bundled demo vendor: snapshots, config and roster under demo/ — inside the installed package,
// or at the repository root when run from a clone.
import { readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "@itaku/core";

/** The instant the demo is evaluated at unless --now says otherwise, so its output never drifts. */
export const DEMO_NOW = new Date("2026-11-20T00:00:00Z");

export function demoDirectory(): string {
  const bundle = dirname(fileURLToPath(import.meta.url));
  // Installed, the bundle is <package>/lib beside <package>/demo; in a clone it is packages/cli/dist.
  return basename(bundle) === "lib" ? resolve(bundle, "../demo") : resolve(bundle, "../../../demo");
}

/** The demo's snapshot files: this month's, or those of a month under demo/history. */
export function demoSnapshotFiles(folder = join(demoDirectory(), "snapshots")): string[] {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith(".snapshot.json"))
    .sort()
    .map((name) => join(folder, name));
  if (files.length === 0) throw new InputError(folder, undefined, "the demo has no *.snapshot.json files");
  return files;
}
