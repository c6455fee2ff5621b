// The CLI end to end, as a user runs it: the built binary in a child process.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resourceTypes } from "@itaku/core";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { validateWithSarifMultitool } from "../reports/src/sarif-validation";
import { REPO_ROOT, runCli } from "./harness/cli";

const work = mkdtempSync(join(tmpdir(), "itaku-cli-"));
const file = (name: string, content: string): string => {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
};
const HEADER = "person_id,name,email,role,aws_iam_users,ad_accounts,start_date,end_date,briefed_at";
const schema = (name: string) =>
  JSON.parse(readFileSync(join(REPO_ROOT, "packages/core/schemas", name), "utf8"));

/** Exit 2, one line on stderr naming the file and the place, no stack trace. */
async function expectInputError(args: string[], pattern: RegExp): Promise<void> {
  const run = await runCli([...args, "-q"]);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(pattern) });
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).toBe("");
}

describe("itaku scan --demo", () => {
  let json: string;
  beforeAll(async () => {
    const run = await runCli(["scan", "--demo", "--format", "json", "-q"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1); // the demo vendor has failures
    json = run.stdout;
  });

  it("writes JSON that validates against the published Result schema", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema("result.schema.json"));
    const result = JSON.parse(json);
    expect(validate.errors ?? validate(result)).toBe(true);
    expect(result.summary.fail).toBeGreaterThan(0);
    expect(result.summary.pass).toBeGreaterThan(0);
  });

  it("writes SARIF that the real SARIF validator accepts, GitHub's rules included", async () => {
    const run = await runCli(["scan", "--demo", "--format", "sarif", "-q"]);
    const problems = validateWithSarifMultitool(run.stdout).filter((r) => r.level === "error");
    expect(problems).toEqual([]);
    expect(JSON.parse(run.stdout).runs[0].results.length).toBeGreaterThan(0);
  });

  it("is byte-identical for the same snapshot and --now", async () => {
    const again = await runCli(["scan", "--demo", "--format", "json", "-q", "--now", "2026-11-20T00:00:00Z"]);
    expect(again.stdout).toBe(json);
  });

  it("reports the expired waiver and stops applying it", () => {
    const result = JSON.parse(json);
    const expired = result.waivers.find((w: { status: string }) => w.status === "expired");
    expect(expired).toEqual(
      expect.objectContaining({ rule: "accounts-owner-missing", expires: "2026-10-31" }),
    );
    const finding = result.findings.find(
      (f: { ruleId: string; resource: { name: string } }) =>
        f.ruleId === "accounts-owner-missing" && f.resource.name === "svc-backup",
    );
    if (finding) expect(finding.status).toBe("fail");
  });

  it("covers every resource type of the model", () => {
    const result = JSON.parse(json);
    const scanned = new Set(result.inventory.map((i: { type: string }) => i.type));
    const collected = resourceTypes.filter((type) => !type.startsWith("itaku."));
    expect(collected.filter((type) => !scanned.has(type))).toEqual([]);
  });

  it("writes every --report atomically and keeps stdout for the chosen format", async () => {
    const run = await runCli([
      "scan",
      "--demo",
      "--format",
      "table",
      "--report",
      `sarif=${join(work, "out.sarif")}`,
      "--report",
      `junit=${join(work, "out.xml")}`,
      "--fail-on",
      "none",
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, "out.sarif"), "utf8")).version).toBe("2.1.0");
    expect(readFileSync(join(work, "out.xml"), "utf8")).toMatch(/^<\?xml/);
    expect(run.stdout).not.toMatch(/^\{/);
    expect(run.stderr).toMatch(/itaku: /); // progress lines, plain because stderr is not a TTY
  });

  it("creates a missing parent directory of a --report path", async () => {
    const target = join(work, "missing-dir", "deeper", "out.json");
    const run = await runCli(["scan", "--demo", "-q", "--fail-on", "none", "--report", `json=${target}`]);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(target, "utf8")).schemaVersion).toBe(1);
  });

  it("a report path that cannot be written is exit 2, with nothing half-written", async () => {
    const notADirectory = file("plain-file", "keep me");
    await expectInputError(
      ["scan", "--demo", "-q", "--report", `json=${join(notADirectory, "out.json")}`],
      /plain-file\/out\.json: cannot write: a parent is not a directory/,
    );
    expect(readFileSync(notADirectory, "utf8")).toBe("keep me");
    await expectInputError(
      ["scan", "--demo", "-q", "--report", "json=/dev/full"],
      /^itaku: \/dev\/full: cannot write: no space left on device/,
    );
  });

  it("gates the exit code by --fail-on severity", async () => {
    expect((await runCli(["scan", "--demo", "-q", "--fail-on", "none", "--format", "json"])).code).toBe(0);
    expect((await runCli(["scan", "--demo", "-q", "--fail-on", "critical", "--format", "json"])).code).toBe(
      1,
    );
  });
});

describe("itaku scan on Pulumi files", () => {
  const fixture = (name: string) => join(REPO_ROOT, "packages/collector-pulumi/fixtures", name);

  it.each([
    ["--pulumi-state", "stack-export.json"],
    ["--pulumi-preview", "preview.json"],
  ])("%s %s evaluates infrastructure code: live-only rules are not applicable", async (flag, file) => {
    const run = await runCli(["scan", flag, fixture(file), "--format", "json", "-q", "--fail-on", "none"]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.origin).toBe("iac");
    const consoleStale = result.findings.filter(
      (f: { ruleId: string }) => f.ruleId === "aws-iam-user-console-stale",
    );
    expect(consoleStale.length).toBeGreaterThan(0);
    expect(new Set(consoleStale.map((f: { status: string }) => f.status))).toEqual(
      new Set(["not_applicable"]),
    );
    expect(result.summary.fail).toBeGreaterThan(0); // the fixtures plant flaws
  });

  it.each([
    ["--pulumi-state", "truncated-stack-export.json"],
    ["--pulumi-preview", "truncated-preview.json"],
  ])("%s %s (truncated) is exit 2 naming the file and the place", (flag, file) =>
    expectInputError(
      ["scan", flag, fixture(file)],
      new RegExp(`${file.replace(/\./g, "\\.")}:\\d+:\\d+: .*truncated`),
    ),
  );

  it("a stack export given as a preview is exit 2 with a hint", () =>
    expectInputError(
      ["scan", "--pulumi-preview", fixture("stack-export.json")],
      /stack-export\.json.*--pulumi-state/,
    ));
});

describe("itaku rules / controls", () => {
  it("lists every rule with its metadata", async () => {
    const run = await runCli(["rules", "--format", "json"]);
    const rules = JSON.parse(run.stdout);
    expect(rules.length).toBeGreaterThanOrEqual(6);
    for (const rule of rules) {
      expect(rule).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          severity: expect.any(String),
          controls: expect.any(Array),
          remediation: expect.any(Object),
        }),
      );
    }
  });

  it("lists every control of both documents with the rules that cover it", async () => {
    const run = await runCli(["controls", "--format", "json"]);
    const controls = JSON.parse(run.stdout);
    expect(new Set(controls.map((c: { document: string }) => c.document))).toEqual(new Set(["NIC", "IPA"]));
    const owner = controls.find((c: { id: string }) => c.id === "NIC-1-2-2-1");
    expect(owner.rules).toContain("accounts-owner-missing");
  });

  it("counts the clauses a rule backs with --coverage, as a table and as JSON", async () => {
    const table = await runCli(["controls", "--coverage"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Technical clauses backed by a rule: \d+ of 44 \(\d+ %\)$/m);
    expect(table.stdout).toMatch(/^All controls backed by a rule: \d+ of 119 \(\d+ %\)$/m);
    const json = JSON.parse((await runCli(["controls", "--coverage", "--format", "json"])).stdout);
    expect(json.technical).toEqual({ total: 44, backed: expect.any(Number), percent: expect.any(Number) });
    expect(json.technical.backed).toBeGreaterThanOrEqual(27);
    const patch = json.controls.find((c: { id: string }) => c.id === "NIC-1-4-1-2");
    expect(patch).toMatchObject({
      technical: true,
      rules: expect.arrayContaining(["detection-patch-compliance"]),
    });
    expect((await runCli(["controls", "--coverage", "--format", "csv"])).code).toBe(2);
  });
});

describe("bad input: exit 2 with one line naming the file and the place", () => {
  const roster = (body: string) =>
    file(`roster-${Math.random().toString(36).slice(2)}.csv`, `${HEADER}\n${body}`);
  const config = (body: string) => file(`itaku-${Math.random().toString(36).slice(2)}.yaml`, body);

  it("malformed YAML", () =>
    expectInputError(
      ["scan", "--demo", "--config", config("rules:\n  a: [1, 2\nb: 3\n")],
      /itaku-\w+\.yaml:\d+:\d+: invalid YAML/,
    ));

  it("unknown rule id in the config", () =>
    expectInputError(
      ["scan", "--demo", "--config", config("rules:\n  accounts-owner-mising: off\n")],
      /\.yaml:2:3: rules\.accounts-owner-mising: unknown rule id \(did you mean "accounts-owner-missing"\?\)/,
    ));

  it("invalid rule option", () =>
    expectInputError(
      ["scan", "--demo", "--config", config("rules:\n  roster-current:\n    maxDaysSinceReview: soon\n")],
      /\.yaml:3:5: rules\.roster-current\.maxDaysSinceReview: /,
    ));

  it("waiver without an approver", () =>
    expectInputError(
      [
        "scan",
        "--demo",
        "--config",
        config(
          "waivers:\n  - rule: roster-current\n    resource: roster\n    reason: r\n    expires: 2027-01-01\n",
        ),
      ],
      /\.yaml:2:5: waivers\[0\]\.approvedBy: is required/,
    ));

  it("roster with a missing column", () =>
    expectInputError(
      ["scan", "--demo", "--roster", file("short.csv", "person_id,name\nP1,a\n")],
      /short\.csv:1:1: missing column "email"/,
    ));

  it("roster with a bad date", () =>
    expectInputError(
      ["scan", "--demo", "--roster", roster("P1,a,,member,,,2024-02-30,,\n")],
      /\.csv:2:16: start_date "2024-02-30" is not a date/,
    ));

  it("roster with a duplicate person", () =>
    expectInputError(
      ["scan", "--demo", "--roster", roster("P1,a,,member,,,2024-01-01,,\nP1,b,,member,,,2024-01-01,,\n")],
      /\.csv:3:1: person_id "P1" is already defined on line 2/,
    ));

  it("snapshot that does not match the schema", () =>
    expectInputError(
      [
        "evaluate",
        file(
          "bad.snapshot.json",
          JSON.stringify({
            schemaVersion: 1,
            collectedAt: "2026-11-20T00:00:00Z",
            origin: "live",
            sources: [],
            resources: [
              { type: "aws.iam.user", id: "x", name: "x", scope: "1", region: "global", attributes: {} },
            ],
          }),
        ),
      ],
      /bad\.snapshot\.json:\d+:\d+: resources\[0\]\.attributes\.\w+: does not match the snapshot schema/,
    ));

  it("truncated snapshot", () =>
    expectInputError(
      ["evaluate", file("cut.snapshot.json", '{"schemaVersion": 1, "resources": [')],
      /cut\.snapshot\.json:1:\d+: not valid JSON .*truncated/,
    ));

  it("unreadable file", () =>
    expectInputError(
      ["evaluate", join(work, "nope.json")],
      /nope\.json: cannot read snapshot: no such file/,
    ));

  it("bad flags", async () => {
    const run = await runCli(["scan", "--demo", "--format", "pdf"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/argument 'pdf' is invalid\. "pdf" is not one of table, json/);
    expect((await runCli(["scan", "--bogus"])).code).toBe(2);
    expect((await runCli(["scan"])).stderr).toMatch(/nothing to scan/);
  });
});
