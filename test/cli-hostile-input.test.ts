// Bad and hostile input through the built CLI, as a user meets it: one clean line and exit 2 (or a
// verdict), never exit 4, never a terminal taken over by escape sequences in the data.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI_PATH, REPO_ROOT, runCli } from "./harness/cli";

const work = mkdtempSync(join(tmpdir(), "itaku-hostile-"));
const file = (name: string, content: string | Buffer): string => {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
};
const demoSnapshot = (name: string) =>
  JSON.parse(readFileSync(join(REPO_ROOT, "demo/snapshots", name), "utf8")) as Record<string, unknown>;
/** `{"x":{"x":…1…}}` nested `depth` times, as text (JSON.stringify itself would overflow). */
const deepJson = (depth: number) => `${'{"x":'.repeat(depth)}1${"}".repeat(depth)}`;

/** Exit 2, one line on stderr naming the file, no stack trace, nothing on stdout. */
async function expectInputError(args: string[], pattern: RegExp): Promise<string> {
  const run = await runCli([...args, "-q"]);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(pattern) });
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stdout).toBe("");
  return run.stderr;
}

describe("item 7: deep values, mixed snapshots, full disks", () => {
  it("a Pulumi stack export nested 100,000 deep is scanned, not a stack overflow (was exit 4)", async () => {
    const state = {
      version: 3,
      deployment: {
        manifest: {},
        resources: [
          {
            urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b",
            type: "aws:s3/bucket:Bucket",
            id: "b",
            custom: true,
            inputs: {},
            outputs: "DEEP",
          },
        ],
      },
    };
    const path = file("deep.state.json", JSON.stringify(state).replace('"DEEP"', deepJson(100_000)));
    const run = await runCli(["scan", "--pulumi-state", path, "--format", "json", "-q"]);
    expect(run.stderr).toBe("");
    expect([0, 1]).toContain(run.code);
    expect(JSON.parse(run.stdout).findings.length).toBeGreaterThan(0);
  });

  it("evaluate refuses live and IaC snapshots together in one line naming both (was exit 4)", async () => {
    const live = join(REPO_ROOT, "demo/snapshots/aws-iam.snapshot.json");
    const iac = file(
      "iac.snapshot.json",
      JSON.stringify({ ...demoSnapshot("aws-iam.snapshot.json"), origin: "iac" }),
    );
    const stderr = await expectInputError(["evaluate", live, iac], /cannot be evaluated together/);
    expect(stderr).toContain(iac);
    expect(stderr).toContain(live);
  });

  it("a report that outgrows the file size limit is exit 2, the old report kept, no temp left", () => {
    const dir = mkdtempSync(join(work, "report-"));
    const report = join(dir, "report.json");
    writeFileSync(report, "old report");
    // A real write failing half-way on a real file: `ulimit -f` makes the kernel refuse (EFBIG), as a
    // full disk does with ENOSPC; both go through the same path.
    const run = spawnSync(
      "bash",
      [
        "-c",
        `ulimit -f 16 && exec "${process.execPath}" "${CLI_PATH}" scan --demo -q --report json=${report}`,
      ],
      { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    expect({ code: run.status, stderr: run.stderr }).toEqual({
      code: 2,
      stderr: `itaku: ${report}: cannot write: file too large (a file size limit, ulimit -f, or the file system's)\n`,
    });
    expect(readFileSync(report, "utf8")).toBe("old report");
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for raw control characters
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const HEADER = "person_id,name,email,role,aws_iam_users,ad_accounts,start_date,end_date,briefed_at";

describe("item 8: input echoed in messages cannot drive the terminal; places are line:column", () => {
  it("a roster value with escape sequences is shown escaped, at its line and column", async () => {
    // Before: `…:2: start_date "2024-13-45␛[0m"` with the raw ESC, and no column.
    const path = file(
      "hostile.csv",
      `${HEADER}\nP1,\u001b[2J\u001b[31mEvil,e@x.example,member,evil,,2024-13-45\u001b[0m,,\n`,
    );
    const stderr = await expectInputError(
      ["scan", "--demo", "--roster", path],
      /hostile\.csv:2:43: start_date/,
    );
    expect(stderr).not.toMatch(RAW_CONTROL);
    expect(stderr).toContain('"2024-13-45\\u001b[0m"');
  });

  it("a config key that sets the window title is shown escaped", async () => {
    const path = file("hostile.yaml", 'rules:\n  "\u001b]0;pwned\u0007\u001b[31mx": off\n');
    const stderr = await expectInputError(["scan", "--demo", "--config", path], /hostile\.yaml:2:3: rules\./);
    expect(stderr).not.toMatch(RAW_CONTROL);
    expect(stderr).toContain("\\u001b]0;pwned\\u0007");
  });

  it("a file name with escape sequences is escaped in progress lines too", async () => {
    const name = "\u001b[2J\u001b[Hsnap.json";
    const path = file(name, readFileSync(join(REPO_ROOT, "demo/snapshots/ad.snapshot.json")));
    const run = await runCli(["evaluate", path, "--format", "json"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("reading ");
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain("\\u001b[2J\\u001b[Hsnap.json");
  });

  it("a hostile user name in the table output is shown escaped", async () => {
    const snapshot = demoSnapshot("aws-iam.snapshot.json") as { resources: { name: string }[] };
    snapshot.resources[0]!.name = "\u001b[2J\u001b]0;pwned\u0007admin";
    const run = await runCli(["evaluate", file("hostile-name.json", JSON.stringify(snapshot)), "-q"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("\\u001b[2J");
    expect(run.stdout).not.toMatch(RAW_CONTROL);
  });
});

describe("item 9: encodings", () => {
  const cp932 = (text: string) => spawnSync("iconv", ["-f", "UTF-8", "-t", "CP932"], { input: text }).stdout;
  const rosterText = readFileSync(join(REPO_ROOT, "demo/roster.csv"), "utf8");

  it("a CP932 roster is refused with the place, the iconv command and the setting (was read as mojibake)", async () => {
    const path = file("excel.csv", cp932(rosterText));
    const stderr = await expectInputError(["scan", "--demo", "--roster", path], /excel\.csv:2:6: not UTF-8/);
    expect(stderr).toContain("Shift_JIS (CP932");
    expect(stderr).toContain("iconv -f CP932 -t UTF-8 'excel.csv' > utf8-excel.csv");
    expect(stderr).toContain("encoding: cp932");
  });

  it("reads the same roster when itaku.yaml declares it cp932, with the same verdicts as UTF-8", async () => {
    const dir = mkdtempSync(join(work, "cp932-"));
    writeFileSync(join(dir, "roster.csv"), cp932(rosterText));
    writeFileSync(join(dir, "roster-utf8.csv"), rosterText);
    const config = readFileSync(join(REPO_ROOT, "demo/itaku.yaml"), "utf8");
    expect(config).toContain("  path: ./roster.csv\n");
    writeFileSync(
      join(dir, "cp932.yaml"),
      config.replace("  path: ./roster.csv\n", "  path: roster.csv\n  encoding: cp932\n"),
    );
    writeFileSync(
      join(dir, "utf8.yaml"),
      config.replace("  path: ./roster.csv\n", "  path: roster-utf8.csv\n"),
    );
    const scan = (configFile: string) =>
      runCli(["scan", "--demo", "--config", join(dir, configFile), "--format", "json", "-q"]);
    const [declared, utf8] = await Promise.all([scan("cp932.yaml"), scan("utf8.yaml")]);
    expect(declared.stderr).toBe("");
    expect(declared.code).toBe(1);
    expect(declared.stdout.replaceAll("roster-utf8.csv", "roster.csv")).toBe(
      utf8.stdout.replaceAll("roster-utf8.csv", "roster.csv"),
    );
    expect(declared.stdout).toContain("山田");
  });

  it("a snapshot with a UTF-8 BOM is read like one without (was: exit 2, unexpected token)", async () => {
    const plain = join(REPO_ROOT, "demo/snapshots/ad.snapshot.json");
    const bom = file(
      "bom.snapshot.json",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(plain)]),
    );
    const [withBom, without] = await Promise.all([
      runCli(["evaluate", bom, "--format", "json", "-q", "--now", "2026-11-20T00:00:00Z"]),
      runCli(["evaluate", plain, "--format", "json", "-q", "--now", "2026-11-20T00:00:00Z"]),
    ]);
    expect(withBom.stderr).toBe("");
    expect(withBom.code).toBe(without.code);
    // The same Result, but for the file name its provenance line names.
    const unnamed = (stdout: string) => ({ ...JSON.parse(stdout), provenance: undefined });
    expect(unnamed(withBom.stdout)).toEqual(unnamed(without.stdout));
    expect(JSON.parse(withBom.stdout).provenance[0].file).toBe(bom);
  });
});

describe("item 7: the audit checkpoint, written like every other file", () => {
  it("--checkpoint resumes in the built CLI (was exit 4: write-file-atomic's __filename in the ES module bundle)", async () => {
    const checkpoint = join(mkdtempSync(join(work, "checkpoint-")), "audit.checkpoint");
    const audit = () => runCli(["audit", "--demo", "--checkpoint", checkpoint, "--format", "json", "-q"]);
    const first = await audit();
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 1, stderr: "" });
    const resumed = await audit();
    expect({ code: resumed.code, stderr: resumed.stderr }).toEqual({ code: 1, stderr: "" });
    expect(resumed.stdout).toBe(first.stdout);
    expect(JSON.parse(readFileSync(checkpoint, "utf8")).version).toBe(2);
  });

  it("a device as checkpoint is refused in one line (reading /dev/zero was killed for memory)", () =>
    expectInputError(
      ["audit", "--demo", "--checkpoint", "/dev/zero"],
      /^itaku: \/dev\/zero: a checkpoint must be a regular file/,
    ));

  it("a checkpoint that cannot be written is exit 2 naming it, with no temp left behind", () => {
    const dir = mkdtempSync(join(work, "checkpoint-full-"));
    const checkpoint = join(dir, "audit.checkpoint");
    const run = spawnSync(
      "bash",
      [
        "-c",
        `ulimit -f 16 && exec "${process.execPath}" "${CLI_PATH}" audit --demo -q --checkpoint ${checkpoint}`,
      ],
      { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    expect({ code: run.status, stderr: run.stderr }).toEqual({
      code: 2,
      stderr: `itaku: ${checkpoint}: cannot write: file too large (a file size limit, ulimit -f, or the file system's)\n`,
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});
