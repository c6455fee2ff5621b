// Findings on Pulumi code point at the resource to change: its URN, and the program's file and line
// when the preview carries the registration's source position (else the preview file itself), in the
// JSON Result and as SARIF locations that still validate against SARIF 2.1.0.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { Result } from "@itaku/core";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { platformPackage, validateWithSarifMultitool } from "../reports/src/sarif-validation";
import { REPO_ROOT, runCli } from "./harness/cli";

const work = mkdtempSync(join(tmpdir(), "itaku-iac-"));
const preview = JSON.parse(
  readFileSync(join(REPO_ROOT, "packages/collector-pulumi/fixtures/preview.json"), "utf8"),
);
const stepOf = (type: string) => {
  const step = preview.steps.find((s: { newState?: { type: string } }) => s.newState?.type === type);
  if (!step) throw new Error(`the preview fixture has no ${type}`);
  return step;
};
// The weak password policy was registered at line 42 of the program; the jump host's group carries no position.
const policy = stepOf("aws:iam/accountPasswordPolicy:AccountPasswordPolicy");
policy.newState.sourcePosition = "project:///src/baseline.ts#42,7";
// Account-level storage settings declared weak in the program: the findings name them, not the account.
const declared = (type: string, name: string, inputs: Record<string, unknown>, line: number) => {
  const urn = `${policy.urn.split("$")[0]}$${type}::${name}`;
  const state = {
    ...policy.newState,
    urn,
    id: undefined,
    type,
    inputs,
    outputs: undefined,
    sourcePosition: `project:///src/baseline.ts#${line},5`,
  };
  preview.steps.push({ op: "create", urn, provider: policy.provider, newState: state });
  return urn;
};
const accountBlockUrn = declared(
  "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
  "account-public-access-block",
  { blockPublicAcls: true, ignorePublicAcls: true },
  60,
);
const ebsDefaultUrn = declared(
  "aws:ebs/encryptionByDefault:EncryptionByDefault",
  "ebs-default",
  { enabled: false },
  71,
);
const previewFile = join(work, "preview.json");
writeFileSync(previewFile, JSON.stringify(preview));

describe("findings on a Pulumi preview", () => {
  let result: Result;
  let sarif: { runs: { results: Record<string, unknown>[] }[] };

  beforeAll(async () => {
    const json = join(work, "result.json");
    const run = await runCli(
      [
        "scan",
        "--pulumi-preview",
        previewFile,
        "-q",
        "--fail-on",
        "none",
        "--format",
        "sarif",
        "--report",
        `json=${json}`,
      ],
      { cwd: work },
    );
    expect(run).toMatchObject({ code: 0, stderr: "" });
    result = JSON.parse(readFileSync(json, "utf8"));
    sarif = JSON.parse(run.stdout);
    const problems = validateWithSarifMultitool(run.stdout).filter((r) => r.level === "error");
    expect(problems).toEqual([]);
  });

  it("name the account-level password policy by its URN and source line, not the account", () => {
    const finding = result.findings.find(
      (f) => f.ruleId === "aws-iam-password-policy" && f.status === "fail",
    )!;
    expect(finding.resource).toMatchObject({
      type: "aws.account",
      urn: policy.urn,
      source: { file: "src/baseline.ts", line: 42, column: 7 },
    });
    const sarifResult = sarif.runs[0]!.results.find((r) => r.ruleId === "aws-iam-password-policy")!;
    expect(sarifResult.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: "src/baseline.ts" },
          region: { startLine: 42, startColumn: 7 },
        },
        logicalLocations: [{ name: finding.resource.name, fullyQualifiedName: policy.urn, kind: "resource" }],
      },
    ]);
  });

  it("name the account's S3 public access block and EBS encryption by default by their URNs and lines", () => {
    const failing = (ruleId: string) =>
      result.findings.find((f) => f.ruleId === ruleId && f.status === "fail")!;
    expect(failing("storage-s3-account-public-access-block").resource).toMatchObject({
      type: "aws.s3.account-public-access-block",
      urn: accountBlockUrn,
      source: { file: "src/baseline.ts", line: 60, column: 5 },
    });
    expect(failing("storage-s3-account-public-access-block").message).toContain(
      "leaves blockPublicPolicy, restrictPublicBuckets off",
    );
    expect(failing("storage-ebs-encryption-by-default").resource).toMatchObject({
      type: "aws.ec2.ebs-encryption-by-default",
      urn: ebsDefaultUrn,
      source: { file: "src/baseline.ts", line: 71, column: 5 },
    });
  });

  it("point at the preview file when the engine recorded no position", () => {
    const finding = result.findings.find(
      (f) => f.ruleId === "egress-admin-ports-open" && f.status === "fail",
    )!;
    expect(finding.resource.urn).toMatch(/::baseline-jump-sg$/);
    expect(finding.resource.source).toEqual({ file: "preview.json" });
    const sarifResult = sarif.runs[0]!.results.find((r) => r.ruleId === "egress-admin-ports-open")!;
    expect(sarifResult.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: "preview.json" }, region: { startLine: 1 } },
        logicalLocations: [
          { name: finding.resource.name, fullyQualifiedName: finding.resource.urn, kind: "resource" },
        ],
      },
    ]);
    expect(relative(work, previewFile)).toBe("preview.json");
  });

  it("still validate against the official SARIF 2.1.0 JSON schema, with help and the remediation", () => {
    const schema = JSON.parse(readFileSync(join(platformPackage, "sarif-2.1.0.json"), "utf8"));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const check = ajv.compile(schema);
    expect(check(sarif)).toBe(true);
    expect(check.errors ?? []).toEqual([]);
    const rules = (
      sarif.runs[0] as unknown as {
        tool: { driver: { rules: { id: string; help: { markdown: string } }[] } };
      }
    ).tool.driver.rules;
    expect(rules.find((r) => r.id === "aws-iam-password-policy")!.help.markdown).toContain(
      "**Remediation:**",
    );
  });
});
