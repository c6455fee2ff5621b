// The published package as a new user gets it: `npm pack` of packages/cli, installed with npm into an
// empty prefix, run from a directory that has nothing to do with the repository.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./harness/cli";

const work = mkdtempSync(join(tmpdir(), "itaku-pack-"));
const prefix = join(work, "prefix");
const userDir = join(work, "somewhere-else");
let tarball = "";

/** npm without the variables pnpm or jest's parent set, so it behaves as on a user's machine. */
const npmEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|INIT_CWD$)/i.test(key)),
  ) as NodeJS.ProcessEnv;

const itaku = (args: string[], cwd = userDir) =>
  spawnSync(join(prefix, "bin/itaku"), args, { cwd, env: { ...npmEnv(), NO_COLOR: "1" }, encoding: "utf8" });

beforeAll(() => {
  execFileSync("mkdir", ["-p", userDir, prefix]);
  const packed = execFileSync("npm", ["pack", "--pack-destination", work, "--json"], {
    cwd: join(REPO_ROOT, "packages/cli"),
    env: npmEnv(),
    encoding: "utf8",
  });
  tarball = join(work, (JSON.parse(packed) as { filename: string }[])[0]!.filename);
  execFileSync("npm", ["install", "-g", "--prefix", prefix, "--no-audit", "--no-fund", tarball], {
    cwd: userDir,
    env: npmEnv(),
    stdio: "pipe",
  });
}, 600_000);

describe("the npm package", () => {
  it("holds the bundle, the demo, the schemas, LICENSE and CHANGELOG, and no workspace dependency", () => {
    const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n");
    for (const file of [
      "package/lib/itaku.mjs",
      "package/demo/itaku.yaml",
      "package/demo/snapshots/aws-iam.snapshot.json",
      "package/schemas/result.schema.json",
      "package/schemas/itaku-config.schema.json",
      "package/LICENSE",
      "package/CHANGELOG.md",
    ])
      expect(files).toContain(file);
    expect(files.some((f) => f.endsWith(".ts") || f.endsWith(".map"))).toBe(false);
    const manifest = JSON.parse(
      execFileSync("tar", ["xzf", tarball, "-O", "package/package.json"], { encoding: "utf8" }),
    );
    expect(manifest).toMatchObject({ name: "itaku", license: "Apache-2.0", bin: { itaku: "lib/itaku.mjs" } });
    expect(manifest.private).toBeUndefined();
    expect(JSON.stringify(manifest.dependencies)).not.toMatch(/workspace:/);
    expect(manifest.engines.node).toBeDefined();
  });

  it("installs a working `itaku` that prints its version", () => {
    const run = itaku(["--version"]);
    expect(run.stdout).toBe(
      `${JSON.parse(readFileSync(join(REPO_ROOT, "packages/cli/package.json"), "utf8")).version}\n`,
    );
    expect(run.status).toBe(0);
  });

  it("scans the demo from any directory", () => {
    const run = itaku(["scan", "--demo", "--format", "json", "-q"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1); // the demo vendor has failures
    const result = JSON.parse(run.stdout);
    expect(result.summary.fail).toBeGreaterThan(0);
    expect(result.sources.length).toBeGreaterThan(0);
  });

  it("writes starter files with init and scans with relative --config and --roster", () => {
    const dir = mkdtempSync(join(work, "project-"));
    expect(itaku(["init"], dir).status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["itaku.yaml", "roster.csv"]);
    copyFileSync(join(REPO_ROOT, "demo/snapshots/ad.snapshot.json"), join(dir, "ad.snapshot.json"));
    const run = itaku(
      [
        "scan",
        "--config",
        "itaku.yaml",
        "--roster",
        "roster.csv",
        "--snapshot",
        "ad.snapshot.json",
        "--format",
        "json",
        "-q",
        "--report",
        "csv=report.csv",
        "--now",
        "2026-11-20",
      ],
      dir,
    );
    expect(run.stderr).toBe("");
    expect(JSON.stringify(JSON.parse(run.stdout).findings)).toMatch(/P001/); // the roster was read
    expect(readFileSync(join(dir, "report.csv"), "utf8")).toMatch(/^severity,status,rule/);
  });

  it("runs with npx from the tarball", () => {
    const run = spawnSync("npx", ["--yes", "--package", tarball, "itaku", "--version"], {
      cwd: userDir,
      env: npmEnv(),
      encoding: "utf8",
    });
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.status).toBe(0);
  });
});
