// The published package as a new user gets it: `npm pack` of packages/cli, installed with npm into an
// empty prefix, run from a directory that has nothing to do with the repository.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "./harness/cli";

const work = mkdtempSync(join(tmpdir(), "itaku-pack-"));
const prefix = join(work, "prefix");
const userDir = join(work, "somewhere-else");
let tarball = "";
let installWarnings = "";

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
  installWarnings = installTarball(prefix, npmEnv());
}, 600_000);

/** `npm install -g` of the tarball into `into`, with npm on the node `env`'s PATH finds; npm's warnings. */
function installTarball(into: string, env: NodeJS.ProcessEnv): string {
  const install = spawnSync("npm", ["install", "-g", "--prefix", into, "--no-audit", "--no-fund", tarball], {
    cwd: userDir,
    env,
    encoding: "utf8",
  });
  if (install.status !== 0) throw new Error(`npm install of ${tarball} failed:\n${install.stderr}`);
  return install.stderr;
}

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

  it("ships the rule page every SARIF helpUri links to", () => {
    const run = itaku(["scan", "--demo", "--format", "sarif", "-q"]);
    const rules: { id: string; helpUri?: string }[] = JSON.parse(run.stdout).runs[0].tool.driver.rules;
    expect(rules.length).toBeGreaterThan(10);
    const files = new Set(execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n"));
    for (const rule of rules) {
      // https://unpkg.com/itaku@VERSION/docs/rules/ID.md serves package/docs/rules/ID.md of that version.
      const path = new URL(rule.helpUri!).pathname.replace(/^\/itaku@[^/]+\//, "package/");
      expect(path).toBe(`package/docs/rules/${rule.id}.md`);
      expect(files.has(path)).toBe(true);
    }
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

// The maintained Node LTS the package supports (`engines`), at both ends: the oldest is the first
// major of `engines`, the newest the one development and CI run on (.node-version). A Node the
// tests are not running on comes from the npm registry through scripts/install-node.sh, as on a
// fresh machine.
const majorOf = (version: string) => Number(/\d+/.exec(version)![0]);
const runningMajor = majorOf(process.versions.node);
const manifestEngines = (): string =>
  JSON.parse(readFileSync(join(REPO_ROOT, "packages/cli/package.json"), "utf8")).engines.node;
const supportedEnds = (): number[] => [
  majorOf(manifestEngines()),
  majorOf(readFileSync(join(REPO_ROOT, ".node-version"), "utf8")),
];

/** The bin directory of a Node `major`: the running one's, or one installed into the work dir. */
function nodeBin(major: number): string {
  if (major === runningMajor) return dirname(process.execPath);
  const nodePrefix = join(work, `node-${major}`);
  const bin = join(nodePrefix, "bin");
  execFileSync("bash", [join(REPO_ROOT, "scripts/install-node.sh"), String(major)], {
    env: { ...npmEnv(), NODE_PREFIX: nodePrefix, PATH: `${bin}:${process.env.PATH}` },
    stdio: "pipe",
  });
  return bin;
}

describe("the package on the oldest and the newest supported Node LTS", () => {
  it("installs without an engines warning and scans the demo to the same bytes on both", () => {
    const [oldest, newest] = supportedEnds();
    expect(oldest).toBeLessThan(newest!);
    const outputs = [oldest!, newest!].map((major) => {
      const bin = nodeBin(major);
      const env = { ...npmEnv(), PATH: `${bin}:${process.env.PATH}`, NO_COLOR: "1" };
      // `itaku` is `#!/usr/bin/env node`: this PATH decides which Node runs it, and npm.
      expect(execFileSync("node", ["-v"], { env, encoding: "utf8" })).toMatch(new RegExp(`^v${major}\\.`));
      let installed = prefix;
      let warnings = installWarnings;
      if (major !== runningMajor) {
        installed = join(work, `prefix-node-${major}`);
        warnings = installTarball(installed, env);
      }
      expect(warnings).not.toMatch(/EBADENGINE/);
      const run = spawnSync(join(installed, "bin/itaku"), ["scan", "--demo", "--format", "json", "-q"], {
        cwd: userDir,
        env,
        encoding: "utf8",
      });
      expect({ major, status: run.status, stderr: run.stderr }).toEqual({ major, status: 1, stderr: "" });
      expect(JSON.parse(run.stdout).summary.fail).toBeGreaterThan(0);
      return run.stdout.replaceAll(installed, "PREFIX"); // the demo's roster is named by its path
    });
    expect(outputs[0]).toBe(outputs[1]);
  });
});

/** The Dockerfile's runtime stage (the last FROM): its instructions, continuation lines joined. */
const runtimeStage = (): { instruction: string; args: string }[] => {
  const text = readFileSync(join(REPO_ROOT, "Dockerfile"), "utf8").replace(/\\\n/g, " ");
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [instruction, ...rest] = line.split(/\s+/);
      return { instruction: instruction!.toUpperCase(), args: rest.join(" ") };
    });
  const from = lines.map((l) => l.instruction).lastIndexOf("FROM");
  return lines.slice(from);
};

describe("the container image (Dockerfile runtime stage, run without Docker)", () => {
  const stage = runtimeStage();
  const args = (instruction: string) => stage.filter((l) => l.instruction === instruction).map((l) => l.args);

  it("is a pinned slim Node LTS, non-root, itaku as entrypoint in /work", () => {
    // The Node development and CI run on (.node-version), on Debian's current stable.
    expect(args("FROM")).toEqual([`node:${supportedEnds()[1]}-trixie-slim`]);
    expect(args("USER")).toEqual(["node"]);
    expect(args("WORKDIR")).toEqual(["/work"]);
    expect(args("ENTRYPOINT")).toEqual(['["itaku"]']);
    expect(args("CMD")).toEqual(['["--help"]']);
    // Only the tarball comes from the build stage.
    expect(args("COPY")).toEqual(["--from=build /out/ /tmp/itaku/"]);
  });

  it("installs the tarball with its RUN step, and itaku then runs from a read-only prefix and workdir", () => {
    const root = mkdtempSync(join(work, "image-"));
    const tarballDir = join(root, "tmp/itaku"); // stands for the image's /tmp/itaku/
    mkdirSync(tarballDir, { recursive: true });
    copyFileSync(tarball, join(tarballDir, "itaku-0.1.0.tgz"));
    const imagePrefix = join(root, "usr/local");
    const env: NodeJS.ProcessEnv = {
      ...npmEnv(),
      NPM_CONFIG_PREFIX: imagePrefix,
      npm_config_cache: join(root, "npm-cache"),
    };
    for (const line of args("ENV"))
      for (const [, key, value] of line.matchAll(/(\w+)=(\S+)/g)) env[key!] = value!;
    const [run] = args("RUN");
    execFileSync("sh", ["-c", run!.replaceAll("/tmp/itaku", tarballDir)], { env, stdio: "pipe" });

    // docker run --read-only -v "$PWD:/work": nothing writable but what the user mounts.
    const workdir = join(root, "work");
    cpSync(join(REPO_ROOT, "demo"), workdir, { recursive: true });
    const home = join(root, "home/node");
    mkdirSync(home, { recursive: true });
    const readOnly = [join(root, "usr"), workdir, home];
    for (const dir of readOnly) execFileSync("chmod", ["-R", "a-w", dir]);
    try {
      const run = (argv: string[]) =>
        spawnSync(join(imagePrefix, "bin/itaku"), argv, {
          cwd: workdir,
          env: {
            PATH: `${join(imagePrefix, "bin")}:${process.env.PATH}`,
            HOME: home,
            NO_COLOR: "1",
            ...pick(env),
          },
          encoding: "utf8",
        });
      expect(run(["--version"]).stdout).toBe("0.1.0\n");
      const scan = run([
        "scan",
        "--config",
        "itaku.yaml",
        "--snapshot",
        "snapshots/ad.snapshot.json",
        "--now",
        "2026-11-20",
        "--format",
        "sarif",
        "-q",
      ]);
      expect(scan.stderr).toBe("");
      expect(JSON.parse(scan.stdout).runs[0].results.length).toBeGreaterThan(0);
      expect(scan.status).toBe(1);
    } finally {
      for (const dir of readOnly) execFileSync("chmod", ["-R", "u+w", dir]);
    }
  });
});

/** The Dockerfile's ENV values only (not the test's npm settings). */
const pick = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(
    Object.entries(env).filter(([key]) =>
      /^(NODE_ENV|NO_UPDATE_NOTIFIER|NPM_CONFIG_UPDATE_NOTIFIER)$/.test(key),
    ),
  );

describe("the GitHub Action's run step (scripts/action-run.sh run, with the env action.yml sets)", () => {
  const actionRun = (inputs: Record<string, string>) => {
    const runnerTemp = mkdtempSync(join(work, "runner-"));
    const outputs = join(runnerTemp, "github-output");
    const run = spawnSync("bash", [join(REPO_ROOT, "scripts/action-run.sh"), "run"], {
      cwd: userDir,
      env: {
        ...npmEnv(),
        PATH: `${join(prefix, "bin")}:${process.env.PATH}`,
        NO_COLOR: "1",
        RUNNER_TEMP: runnerTemp,
        GITHUB_OUTPUT: outputs,
        ...inputs,
      },
      encoding: "utf8",
    });
    const written = Object.fromEntries(
      readFileSync(outputs, "utf8")
        .trim()
        .split("\n")
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
    return { run, runnerTemp, written };
  };

  it("scans, writes SARIF for the upload step, and reports itaku's exit code", () => {
    const { run, runnerTemp, written } = actionRun({
      INPUT_COMMAND: "scan",
      INPUT_ARGS: "--demo -q",
      INPUT_FORMAT: "json",
      INPUT_FAIL_ON: "high",
      INPUT_UPLOAD_SARIF: "true",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1); // the demo fails at high: the step fails as the job should
    expect(written).toEqual({ "exit-code": "1", "sarif-file": join(runnerTemp, "itaku.sarif") });
    const sarif = JSON.parse(readFileSync(written["sarif-file"]!, "utf8"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].tool.driver.name).toBe("itaku");
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(JSON.parse(run.stdout).summary.fail).toBeGreaterThan(0); // format: what the log shows
  });

  it("passes with fail-on none and writes no SARIF when not asked", () => {
    const { run, runnerTemp, written } = actionRun({
      INPUT_COMMAND: "scan",
      INPUT_ARGS: "--demo -q",
      INPUT_FAIL_ON: "none",
      INPUT_UPLOAD_SARIF: "false",
    });
    expect(run.status).toBe(0);
    expect(written).toEqual({ "exit-code": "0", "sarif-file": "" });
    expect(readdirSync(runnerTemp)).toEqual(["github-output"]);
  });

  it("reports bad input as exit code 2", () => {
    const { run, written } = actionRun({
      INPUT_COMMAND: "scan",
      INPUT_CONFIG: "missing.yaml",
      INPUT_ARGS: "--demo",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/missing\.yaml/);
    expect(written["exit-code"]).toBe("2");
  });
});
