// The flags and commands people expect from a scanner CLI, run as users run them (the built binary).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI_PATH, REPO_ROOT, runCli } from "./harness/cli";

const demoJson = async (...flags: string[]) => {
  const run = await runCli(["scan", "--demo", "--format", "json", "-q", ...flags]);
  expect(run.stderr).toBe("");
  return { code: run.code, result: JSON.parse(run.stdout) };
};

describe("display filters", () => {
  let all: {
    summary: Record<string, number>;
    findings: { severity: string; status: string; ruleId: string; controls: string[] }[];
    controls: unknown[];
  };
  beforeAll(async () => {
    all = (await demoJson()).result;
  });

  it("--severity shows only those levels, in any case, and the Result says what was hidden", async () => {
    const { result } = await demoJson("--severity", "HIGH,Critical");
    expect(new Set(result.findings.map((f: { severity: string }) => f.severity))).toEqual(
      new Set(["high", "critical"]),
    );
    expect(result.view).toEqual({
      filters: { severity: ["high", "critical"] },
      findingsShown: result.findings.length,
      findingsTotal: all.findings.length,
    });
    // Evaluation is unchanged: the summary and control statuses still cover every finding.
    expect(result.summary).toEqual(all.summary);
    expect(result.controls).toEqual(all.controls);
  });

  it("--status, --rules and --exclude-rules narrow what is shown", async () => {
    const { result } = await demoJson(
      "--status",
      "fail",
      "--rules",
      "accounts-shared-generic,aws-iam-root-mfa",
    );
    expect(result.findings.length).toBeGreaterThan(1);
    for (const f of result.findings) {
      expect(f.status).toBe("fail");
      expect(["accounts-shared-generic", "aws-iam-root-mfa"]).toContain(f.ruleId);
    }
    const excluded = (await demoJson("--exclude-rules", "accounts-shared-generic")).result;
    expect(excluded.findings.some((f: { ruleId: string }) => f.ruleId === "accounts-shared-generic")).toBe(
      false,
    );
    expect(excluded.findings.length).toBe(
      all.findings.filter((f) => f.ruleId !== "accounts-shared-generic").length,
    );
  });

  it("--controls shows those controls and the findings that map to them (ids in any case)", async () => {
    const { result } = await demoJson("--controls", "nic-1-4-2-2");
    expect(result.controls.map((c: { id: string }) => c.id)).toEqual(["NIC-1-4-2-2"]);
    expect(result.findings.length).toBeGreaterThan(0);
    for (const f of result.findings) expect(f.controls).toContain("NIC-1-4-2-2");
  });

  it("the exit code follows what is shown", async () => {
    expect((await demoJson()).code).toBe(1);
    expect((await demoJson("--status", "pass")).code).toBe(0);
    expect((await demoJson("--fail-on", "HIGH", "--severity", "low")).code).toBe(0);
  });

  it("every human format states the filter", async () => {
    for (const format of ["table", "markdown", "html", "junit", "sarif", "csv"]) {
      const run = await runCli(["scan", "--demo", "-q", "--format", format, "--severity", "critical"]);
      expect(run.stdout).toMatch(/display filter --severity critical: \d+ of \d+ findings shown/);
    }
  });

  it("an unknown id is exit 2 with a suggestion", async () => {
    const run = await runCli(["scan", "--demo", "-q", "--rules", "accounts-shared-generik"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--rules: no such id "accounts-shared-generik" \(did you mean "accounts-shared-generic"\?\)/,
    );
    const level = await runCli(["scan", "--demo", "-q", "--severity", "hgih"]);
    expect(level.code).toBe(2);
    expect(level.stderr).toMatch(/"hgih" is not one of critical, high, medium, low, info/);
  });
});

describe("--format csv", () => {
  it("has one row per finding under a header, scanned text quoted", async () => {
    const run = await runCli(["scan", "--demo", "-q", "--format", "csv"]);
    const { result } = await demoJson();
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "severity,status,rule,title,controls,resource_type,resource_id,resource_name,scope,region,message,waiver_reason,waiver_expires",
    );
    // Messages hold no newlines in the demo, so rows are lines.
    expect(lines).toHaveLength(result.findings.length + 1);
    expect(run.code).toBe(1);
  });
});

describe("did-you-mean, help, version, colour", () => {
  it("suggests the command or flag meant", async () => {
    const command = await runCli(["scna", "--demo"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/unknown command 'scna'\n\(Did you mean scan\?\)/);
    const flag = await runCli(["scan", "--demo", "--serverity", "high"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/unknown option '--serverity'\n\(Did you mean --severity\?\)/);
  });

  it("prints the version of the package", async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "packages/cli/package.json"), "utf8"));
    for (const flag of ["--version", "-v"]) {
      expect(await runCli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    }
  });

  it("help lists every command and every exit code", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    // Commands are added often, so the top-level help is checked by content; `scan --help` by snapshot.
    for (const command of [
      "scan",
      "collect",
      "evaluate",
      "report",
      "rules",
      "controls",
      "iam-policy",
      "init",
      "complete",
    ])
      expect(run.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    for (const code of [0, 1, 2, 3, 4]) expect(run.stdout).toMatch(new RegExp(`^  ${code}  \\w`, "m"));
    const scan = await runCli(["scan", "--help"]);
    expect(scan.stdout).toMatchSnapshot();
    expect(scan.stdout).toMatch(/ 4 {2}internal error/);
  });

  it("no command is bad usage with the help on stderr", async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Commands:/);
  });

  it("colours the table on a terminal, and not with --no-color or NO_COLOR", () => {
    // A real terminal through util-linux `script`: colour is only ever used on a TTY.
    const onTerminal = (args: string, env: NodeJS.ProcessEnv = {}) =>
      spawnSync("script", ["-qec", `"${process.execPath}" "${CLI_PATH}" ${args}`, "/dev/null"], {
        env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "", ...env },
        encoding: "utf8",
      }).stdout;
    const ESC = "\u001b[";
    expect(onTerminal("scan --demo -q --severity critical")).toContain(ESC);
    expect(onTerminal("scan --demo -q --severity critical --no-color")).not.toContain(ESC);
    expect(onTerminal("--no-color scan --demo -q --severity critical")).not.toContain(ESC);
    expect(onTerminal("scan --demo -q --severity critical", { NO_COLOR: "1" })).not.toContain(ESC);
  });
});

describe("itaku rules ID / controls ID", () => {
  it("shows one rule in full: text, options with defaults, messages, remediation, controls", async () => {
    const run = await runCli(["rules", "accounts-shared-generic"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^accounts-shared-generic — /);
    expect(run.stdout).toMatch(/severity {4}high/);
    expect(run.stdout).toMatch(/allowNames = \["krbtgt"\]/);
    expect(run.stdout).toMatch(/NIC-1-4-2-2 {2}One account per individual/);
    expect(run.stdout).toMatch(/Remediation:\n {2}Give each person an account/);
    const json = JSON.parse((await runCli(["rules", "accounts-shared-generic", "--format", "json"])).stdout);
    expect(json.options.find((o: { name: string }) => o.name === "allowNames").default).toEqual(["krbtgt"]);
  });

  it("shows one control in full with the rules that check it", async () => {
    const run = await runCli(["controls", "nic-1-4-2-2"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^NIC-1-4-2-2 — One account per individual/);
    expect(run.stdout).toMatch(/Rules:\n(.*\n)* {2}accounts-shared-generic \(high\)/);
  });

  it("an unknown id is exit 2 with a suggestion", async () => {
    const rule = await runCli(["rules", "acounts-shared-generic"]);
    expect(rule.code).toBe(2);
    expect(rule.stderr).toMatch(/did you mean "accounts-shared-generic"/);
    const control = await runCli(["controls", "NIC-9"]);
    expect(control.code).toBe(2);
    expect(control.stderr).toMatch(/did you mean "NIC-1-9"/);
  });
});

describe("itaku init", () => {
  it("writes a starter config and roster that a scan accepts, and never overwrites", async () => {
    const dir = mkdtempSync(join(tmpdir(), "itaku-init-"));
    const init = await runCli(["init"], { cwd: dir });
    expect(init.code).toBe(0);
    const roster = readFileSync(join(dir, "roster.csv"), "utf8").trimEnd().split("\n");
    expect(roster).toHaveLength(2);
    expect(roster[0]).toBe(
      "person_id,name,email,role,aws_iam_users,ad_accounts,start_date,end_date,briefed_at",
    );
    expect(readFileSync(join(dir, "itaku.yaml"), "utf8")).toMatch(/^# itaku.yaml/);
    // The starter config and roster load: a scan of a demo snapshot with them reads the roster.
    const scan = await runCli(
      [
        "scan",
        "--snapshot",
        join(REPO_ROOT, "demo/snapshots/ad.snapshot.json"),
        "--format",
        "json",
        "-q",
        "--now",
        "2026-11-20",
      ],
      { cwd: dir },
    );
    expect(scan.stderr).toBe("");
    expect(JSON.stringify(JSON.parse(scan.stdout).findings)).toMatch(/P001/);
    writeFileSync(join(dir, "roster.csv"), "mine\n");
    const again = await runCli(["init"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/itaku.yaml and roster.csv already exist/);
    expect(readFileSync(join(dir, "roster.csv"), "utf8")).toBe("mine\n");
  });
});

describe("shell completion", () => {
  it("prints a script per shell and completes commands, flags and flag values", async () => {
    for (const shell of ["bash", "zsh", "fish"]) {
      const run = await runCli(["complete", shell]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/itaku/);
    }
    expect((await runCli(["complete", "--", "sc"])).stdout).toMatch(/^scan\t/m);
    expect((await runCli(["complete", "--", "scan", "--sev"])).stdout).toMatch(/^--severity\t/m);
    expect((await runCli(["complete", "--", "scan", "--format", ""])).stdout).toMatch(/^csv\t/m);
  });
});

describe("paths are the user's", () => {
  it("`pnpm itaku` resolves relative paths against the directory it was typed in (INIT_CWD)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "itaku-initcwd-"));
    writeFileSync(join(dir, "roster.csv"), readFileSync(join(REPO_ROOT, "demo/roster.csv")));
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          join(REPO_ROOT, "scripts/itaku.mjs"),
          "scan",
          "--snapshot",
          join(REPO_ROOT, "demo/snapshots/ad.snapshot.json"),
          "--roster",
          "roster.csv",
          "--report",
          "json=out.json",
          "-q",
          "--format",
          "json",
        ],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, INIT_CWD: dir },
        },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c) => (stdout += c));
      child.stderr.on("data", (c) => (stderr += c));
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
    expect(run.stderr).toBe("");
    expect(readFileSync(join(dir, "out.json"), "utf8")).toBe(run.stdout);
  });
});
