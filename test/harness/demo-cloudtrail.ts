// The demo's month of CloudTrail (demo/cloudtrail) as tests use it: its files, and its events.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { CloudTrailEvent } from "@itaku/core";
import { REPO_ROOT } from "./cli";

export const DEMO_CLOUDTRAIL = join(REPO_ROOT, "demo/cloudtrail");

/** Every file under `dir`, recursively (log files and digests). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every event of the demo's log files (digests left out). */
export function demoEvents(): CloudTrailEvent[] {
  return filesUnder(DEMO_CLOUDTRAIL)
    .filter((path) => path.endsWith(".json.gz") && !path.includes("CloudTrail-Digest"))
    .flatMap(
      (path) =>
        (JSON.parse(gunzipSync(readFileSync(path)).toString("utf8")) as { Records: CloudTrailEvent[] })
          .Records,
    );
}
