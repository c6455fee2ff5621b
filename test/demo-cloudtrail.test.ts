// The demo's month of CloudTrail (demo/cloudtrail), made by the seeded archive generator so that
// `itaku audit --demo` shows every kind of finding in one command. The files are committed; this test
// regenerates them in a temp folder and fails when they drift. UPDATE_DEMO=1 rewrites them.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { REPO_ROOT } from "./harness/cli";
import { writeArchive } from "./harness/cloudtrail-archive";

const DEMO = join(REPO_ROOT, "demo/cloudtrail");
/** A small office: a month and its look-back, a few thousand events, every planted incident. */
const OPTIONS = { seed: 20261031, events: 3000, historyDays: 30, incidents: true, digests: false };

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(root, path));
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}

test("demo/cloudtrail is what the generator writes for the demo's seed", async () => {
  if (process.env.UPDATE_DEMO) {
    rmSync(DEMO, { recursive: true, force: true });
    await writeArchive(DEMO, OPTIONS);
  }
  const fresh = mkdtempSync(join(tmpdir(), "itaku-demo-cloudtrail-"));
  try {
    const summary = await writeArchive(fresh, OPTIONS);
    expect(summary.incidents.length).toBeGreaterThan(10);
    const files = listFiles(fresh);
    expect(listFiles(DEMO)).toEqual(files);
    for (const file of files)
      expect([file, readFileSync(join(DEMO, file)).equals(readFileSync(join(fresh, file)))]).toEqual([
        file,
        true,
      ]);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
});
