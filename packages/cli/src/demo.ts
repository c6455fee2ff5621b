// The bundled demo vendor: snapshots, config and roster under demo/ at the repository root.
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "@itaku/core";

/** The instant the demo is evaluated at unless --now says otherwise, so its output never drifts. */
export const DEMO_NOW = new Date("2026-11-20T00:00:00Z");

export function demoDirectory(): string {
  // The bundle lives in packages/cli/dist; the demo sits at the repository root.
  return resolve(dirname(fileURLToPath(import.meta.url)), "../../../demo");
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
