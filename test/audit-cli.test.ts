// `itaku audit` end to end, as a user runs it: the built binary over the demo's month of CloudTrail,
// every format, bad input, and a damaged copy whose gaps turn would-be passes into unknown.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { REPO_ROOT, runCli } from "./harness/cli";

const work = mkdtempSync(join(tmpdir(), "itaku-audit-cli-"));

type AuditResult = {
  findings: { ruleId: string; status: string; resource: { id: string } }[];
  sources: { gaps: unknown[] }[];
  access: {
    period: { from: string; to: string };
    people: { personId: string; events: number }[];
    unmatched: unknown[];
  };
};

describe("itaku audit --demo", () => {
  let result: AuditResult;
  let json: string;
  beforeAll(async () => {
    const run = await runCli(["audit", "--demo", "--format", "json", "-q"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1); // the demo month has incidents
    json = run.stdout;
    result = JSON.parse(json);
  });

  it("writes a Result that validates against the published schema, with the access review", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(
      JSON.parse(readFileSync(join(REPO_ROOT, "packages/core/schemas/result.schema.json"), "utf8")),
    );
    expect(validate(result) ? [] : validate.errors).toEqual([]);
    expect(result.access.period).toEqual({
      from: "2026-09-30T15:00:00.000Z",
      to: "2026-10-31T15:00:00.000Z",
      timeZone: "Asia/Tokyo",
    });
    expect(result.access.people.map((p) => p.personId)).toEqual([
      "P001",
      "P002",
      "P003",
      "P004",
      "P005",
      "P006",
      "P007",
      "P008",
      "P009",
    ]);
    expect(result.access.unmatched.length).toBeGreaterThan(0);
  });

  it("finds the planted incidents", () => {
    const failing = new Set(result.findings.filter((f) => f.status === "fail").map((f) => f.ruleId));
    for (const id of [
      "access-console-login-failures",
      "access-root-activity",
      "access-leaver-activity",
      "access-log-tampering",
      "access-assume-role-external",
      "access-off-hours",
    ])
      expect([id, failing.has(id)]).toEqual([id, true]);
  });

  it("is deterministic", async () => {
    const again = await runCli(["audit", "--demo", "--format", "json", "-q"]);
    expect(again.stdout).toBe(json);
  });

  it("prints a table with the access review, and progress on stderr", async () => {
    const run = await runCli(["audit", "--demo"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Access review");
    expect(run.stdout).toContain("P005 田中 健太");
    expect(run.stderr).toMatch(/auditing 2026-10 \(Asia\/Tokyo\)/);
  });

  it("writes every other format with --report", async () => {
    const paths = Object.fromEntries(
      ["html", "markdown", "sarif", "junit"].map((f) => [f, join(work, `audit.${f}`)]),
    );
    const run = await runCli([
      "audit",
      "--demo",
      "-q",
      "--format",
      "table",
      ...Object.entries(paths).flatMap(([format, path]) => ["--report", `${format}=${path}`]),
    ]);
    expect(run.code).toBe(1);
    expect(readFileSync(paths.html!, "utf8")).toContain('id="access-review"');
    expect(readFileSync(paths.markdown!, "utf8")).toContain("### Access review");
    expect(JSON.parse(readFileSync(paths.sarif!, "utf8")).runs[0].tool.driver.rules.length).toBeGreaterThan(
      0,
    );
    expect(readFileSync(paths.junit!, "utf8")).toContain("access-root-activity");
  });
});

describe("itaku audit: bad input", () => {
  it.each([
    [["audit"], /nothing to audit/],
    [["audit", "--demo", "--month", "2026-13"], /--month "2026-13" is not a month/],
    [["audit", "--demo", "--month", "2026-10", "--from", "2026-10-01"], /cannot be combined/],
    [["audit", "--demo", "--accounts", "12"], /--accounts: "12" is not a 12-digit/],
    [["audit", "--cloudtrail-dir", "/nonexistent/trail"], /\/nonexistent\/trail: no such file or directory/],
    [["audit", "--cloudtrail-s3", "http://bucket"], /--cloudtrail-s3 .*expected s3:\/\/BUCKET/],
  ])("%j exits 2 with one line", async (args, pattern) => {
    const run = await runCli([...args, "-q"]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 2,
      stderr: expect.stringMatching(pattern),
    });
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stdout).toBe("");
  });
});

describe("itaku audit: a damaged copy", () => {
  it("reports the truncated file as a gap and turns would-be passes into unknown", async () => {
    const copy = join(work, "trail");
    cpSync(join(REPO_ROOT, "demo/cloudtrail"), copy, { recursive: true });
    const logs: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.includes("/CloudTrail/") && path.includes("/2026/10/1") && name.endsWith(".json.gz"))
          logs.push(path);
      }
    };
    walk(copy);
    const victim = logs.sort()[0]!;
    const bytes = readFileSync(victim);
    writeFileSync(victim, bytes.subarray(0, Math.floor(bytes.length / 2)));
    // A threshold no one reaches, so off-hours would pass: the gap must make it unknown instead.
    const config = join(work, "itaku.yaml");
    writeFileSync(
      config,
      `roster: ${join(REPO_ROOT, "demo/roster.csv")}\naudit: { allowedSourceCidrs: [203.0.113.0/24] }\nrules:\n  access-off-hours: { minEvents: 1000 }\n`,
    );
    const run = await runCli([
      "audit",
      "--cloudtrail-dir",
      copy,
      "--config",
      config,
      "--month",
      "2026-10",
      "--format",
      "json",
      "-q",
    ]);
    expect(run.stderr).toBe("");
    const damaged = JSON.parse(run.stdout) as AuditResult;
    const gaps = damaged.sources.flatMap((s) => s.gaps) as { code: string }[];
    expect(gaps.map((g) => g.code)).toContain("TruncatedGzip");
    const offHours = damaged.findings.filter((f) => f.ruleId === "access-off-hours");
    expect(offHours.map((f) => f.status)).toEqual(["unknown"]);
    expect(damaged.findings.map((f) => f.status)).not.toContain("pass");
  });
});
