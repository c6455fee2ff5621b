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
