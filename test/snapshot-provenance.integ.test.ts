// Snapshot provenance as a vendor and a client use it: `itaku keygen`, `collect --sign` (one account,
// an organisation streamed into one file, and --split per account) against moto, then `evaluate
// --verify` on the client's side — a round trip, one byte changed, the wrong key, an unsigned
// snapshot, and what every report format says about it. Real Ed25519 keys from `itaku keygen`.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Result } from "@itaku/core";
import { MEMBER_ROLE, seedOrganization } from "./harness/aws-org-seed";
import { REPO_ROOT, runCli } from "./harness/cli";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

let moto: MotoServer;
let dir: string;
let env: Record<string, string>;
let vendorFingerprint: string;
let otherFingerprint: string;
const NOW = "2026-11-20T00:00:00Z";
const at = (name: string) => join(dir, name);
const orgFlags = ["--aws", "--org", "--org-role", MEMBER_ROLE, "--region", "us-east-1", "-q"];

async function keygen(name: string): Promise<string> {
  const run = await runCli(["keygen", "--output", name], { cwd: dir });
  if (run.code !== 0) throw new Error(`keygen exited ${run.code}: ${run.stderr}`);
  return /fingerprint: (SHA256:\S+)/.exec(run.stdout)![1]!;
}

async function collect(args: string[]): Promise<void> {
  const run = await runCli(["collect", ...args], { env, cwd: dir });
  if (run.code !== 0) throw new Error(`collect ${args.join(" ")} exited ${run.code}: ${run.stderr}`);
}

const evaluate = (args: string[]) =>
  runCli(["evaluate", ...args, "--now", NOW, "-q"], { cwd: dir, env: { ITAKU_SIGNING_KEY_PASSPHRASE: "" } });

beforeAll(async () => {
  moto = await startMoto();
  await seedOrganization(moto.endpoint, { members: 4, withUsers: 1 });
  dir = mkdtempSync(join(tmpdir(), "itaku-provenance-"));
  env = motoClientEnv(moto.endpoint, { AWS_REGION: "us-east-1" });
  vendorFingerprint = await keygen("vendor.pem");
  otherFingerprint = await keygen("other.pem");
  await collect(["--aws", "--region", "us-east-1", "--sign", "vendor.pem", "-o", "signed.json", "-q"]);
  await collect(["--aws", "--region", "us-east-1", "-o", "unsigned.json", "-q"]);
  await collect([...orgFlags, "--sign", "vendor.pem", "-o", "org.json"]);
  await collect([...orgFlags, "--split", "--sign", "vendor.pem", "-o", "accounts"]);
}, MOTO_INSTALL_TIMEOUT_MS + 300_000);

afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("keygen: the private key is created 0600 and never printed; an existing key is never overwritten", async () => {
  expect(statSync(at("vendor.pem")).mode & 0o777).toBe(0o600);
  expect(readFileSync(at("vendor.pem"), "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  expect(readFileSync(at("vendor.pub.pem"), "utf8")).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  expect(vendorFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  expect(otherFingerprint).not.toBe(vendorFingerprint);
  const before = readFileSync(at("vendor.pem"), "utf8");
  const again = await runCli(["keygen", "--output", "vendor.pem"], { cwd: dir });
  expect(again.code).toBe(2);
  expect(again.stderr).toContain("already exists; keygen never overwrites a key");
  expect(again.stdout).toBe("");
  expect(readFileSync(at("vendor.pem"), "utf8")).toBe(before);
  for (const output of [again.stdout, again.stderr]) expect(output).not.toContain("PRIVATE KEY");
});

test("round trip: collect --sign, evaluate --verify; the snapshot records version, caller ARN and time", async () => {
  const file = JSON.parse(readFileSync(at("signed.json"), "utf8"));
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "packages/cli/package.json"), "utf8"));
  expect(file.provenance).toEqual({ tool: { name: "itaku", version } });
  expect(file.sources[0].collectedBy).toMatch(/^arn:aws:(iam|sts)::123456789012:/);
  expect(Object.keys(file).at(-1)).toBe("integrity");
  expect(file.integrity.signature.keyFingerprint).toBe(vendorFingerprint);

  const run = await evaluate(["signed.json", "--verify", "vendor.pub.pem", "--format", "json"]);
  expect([0, 1]).toContain(run.code);
  const result = JSON.parse(run.stdout) as Result;
  expect(result.provenance).toEqual([
    {
      file: "signed.json",
      tool: `itaku ${version}`,
      collectedAt: file.collectedAt,
      collectedBy: [{ provider: "aws", identity: file.sources[0].collectedBy }],
      digest: file.integrity.digest,
      signature: "verified",
      keyFingerprint: vendorFingerprint,
    },
  ]);
});

test("every report format states the provenance", async () => {
  const reports = ["markdown", "html", "sarif", "junit", "csv", "json"].map((format) => [
    format,
    at(`report.${format}`),
  ]);
  const run = await evaluate([
    "signed.json",
    "--verify",
    "vendor.pub.pem",
    ...reports.flatMap(([format, path]) => ["--report", `${format}=${path}`]),
  ]);
  expect([0, 1]).toContain(run.code);
  const line = `provenance: signed by ${vendorFingerprint}, verified`;
  expect(run.stdout).toContain(line); // the table on stdout
  for (const [format, path] of reports) {
    const text = readFileSync(path!, "utf8");
    if (format === "json") expect(JSON.parse(text).provenance[0].signature).toBe("verified");
    else expect({ format, has: text.includes(line) }).toEqual({ format, has: true });
  }
});

test("one byte changed in a signed snapshot: exit 2 naming the file, nothing written", async () => {
  const text = readFileSync(at("signed.json"), "utf8");
  const offset = text.indexOf('"us-east-1"') + 9;
  const tampered = `${text.slice(0, offset)}2${text.slice(offset + 1)}`;
  expect(tampered.length).toBe(text.length);
  writeFileSync(at("tampered.json"), tampered);
  for (const verify of [["--verify", "vendor.pub.pem"], []]) {
    const run = await evaluate(["tampered.json", ...verify, "--report", `json=${at("never.json")}`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${at("tampered.json")}:integrity.digest: digest mismatch`);
    expect(run.stdout).toBe("");
    expect(existsSync(at("never.json"))).toBe(false);
  }
});

test("the wrong key: exit 2 naming the file and both keys", async () => {
  const run = await evaluate([
    "signed.json",
    "--verify",
    "other.pub.pem",
    "--report",
    `json=${at("never.json")}`,
  ]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(
    `${at("signed.json")}:integrity.signature: signed by ${vendorFingerprint}, not by the --verify key other.pub.pem (${otherFingerprint})`,
  );
  expect(run.stdout).toBe("");
  expect(existsSync(at("never.json"))).toBe(false);
});

test("unsigned: evaluated and reported as unsigned; --verify refuses it", async () => {
  const plain = await evaluate(["unsigned.json"]);
  expect([0, 1]).toContain(plain.code);
  expect(plain.stdout).toMatch(
    /provenance: unsigned \(digest matches the content[^)]*\) — unsigned\.json, collected .* by arn:aws:/,
  );
  const verify = await evaluate(["unsigned.json", "--verify", "vendor.pub.pem"]);
  expect(verify.code).toBe(2);
  expect(verify.stderr).toContain(
    `${at("unsigned.json")}:integrity: not signed (a digest only), but --verify vendor.pub.pem`,
  );
  // A snapshot from before provenance: no digest at all.
  const old = join(REPO_ROOT, "demo/snapshots/aws-iam.snapshot.json");
  const legacy = await evaluate([old, "--format", "markdown"]);
  expect(legacy.stdout).toContain("provenance: unsigned, no digest");
  const legacyVerify = await evaluate([old, "--verify", "vendor.pub.pem"]);
  expect(legacyVerify.code).toBe(2);
  expect(legacyVerify.stderr).toContain(`${old}: not signed (no integrity section)`);
});

test("collect --org --sign: streamed into one file, digest and signature written at its end, verified", async () => {
  const text = readFileSync(at("org.json"), "utf8");
  const file = JSON.parse(text);
  expect(Object.keys(file).at(-1)).toBe("integrity");
  expect(file.sources.length).toBe(5);
  // Each member account was read through its member role: that session is who collected it.
  const members = file.sources.filter((s: { collectedBy?: string }) =>
    s.collectedBy?.includes(`:assumed-role/${MEMBER_ROLE}/`),
  );
  expect(members.length).toBeGreaterThanOrEqual(2);
  const run = await evaluate(["org.json", "--verify", "vendor.pub.pem", "--format", "json"]);
  expect([0, 1]).toContain(run.code);
  const [entry] = (JSON.parse(run.stdout) as Result).provenance!;
  expect(entry).toMatchObject({
    signature: "verified",
    keyFingerprint: vendorFingerprint,
    digest: file.integrity.digest,
  });
  expect(entry!.collectedBy.length).toBeGreaterThanOrEqual(3);

  // One byte of one resource in the middle of the stream.
  const offset = text.indexOf('"region":"us-east-1"', text.length / 3) + 18;
  expect(text.slice(0, text.indexOf('"sources"')).length).toBeGreaterThan(offset);
  writeFileSync(at("org-tampered.json"), `${text.slice(0, offset)}2${text.slice(offset + 1)}`);
  const tampered = await evaluate(["org-tampered.json", "--verify", "vendor.pub.pem"]);
  expect(tampered.code).toBe(2);
  expect(tampered.stderr).toContain("digest mismatch");
});

test("collect --org --split --sign: each account's file signed; evaluate --verify tells them in one line", async () => {
  const files = readdirSync(at("accounts")).sort();
  expect(files.length).toBe(5);
  const run = await evaluate([...files.map((f) => join("accounts", f)), "--verify", "vendor.pub.pem"]);
  expect([0, 1]).toContain(run.code);
  const lines = run.stdout.split("\n").filter((l) => l.startsWith("provenance:"));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(
    `provenance: signed by ${vendorFingerprint}, verified — 5 snapshots (accounts/aws-`,
  );
  expect(lines[0]).toContain("and 2 more");
  // scan --snapshot checks and reports the same way.
  const scan = await runCli(
    ["scan", "--snapshot", join("accounts", files[0]!), "--verify", "other.pub.pem", "--now", NOW, "-q"],
    { cwd: dir },
  );
  expect(scan.code).toBe(2);
  expect(scan.stderr).toContain("not by the --verify key other.pub.pem");
});
