// Computer accounts and domain-wide settings against a real Samba AD DC: computers created over LDAP
// (operating system written as a joining machine would), logon times and krbtgt's password age set
// on sam.ldb as the DC itself would; then `itaku scan --ad` runs and the findings are asserted.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Finding } from "@itaku/core";
import { runCli } from "./harness/cli";
import {
  addUser,
  replaceLdif,
  type SambaDc,
  startSambaDc,
  toFileTime,
  toGeneralizedTime,
} from "./harness/samba";

const DAY = 86_400_000;
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const READER_PASSWORD = "Reader-Passw0rd!x";
const WORKSTATION_TRUST_ACCOUNT = 0x1000;

let dc: SambaDc;
let work: string;
let findings: Finding[];
let scan: (now: Date) => Promise<Finding[]>;
const dn: Record<string, string> = {};

async function seed(): Promise<void> {
  const client = await dc.admin();
  try {
    dn.reader = await addUser(client, dc.baseDN, { cn: "itaku-reader", password: READER_PASSWORD });
    const computer = async (name: string, operatingSystem?: string, operatingSystemVersion?: string) => {
      dn[name] = `CN=${name},CN=Computers,${dc.baseDN}`;
      await client.add(dn[name]!, {
        objectClass: ["top", "person", "organizationalPerson", "user", "computer"],
        sAMAccountName: `${name}$`,
        userAccountControl: String(WORKSTATION_TRUST_ACCOUNT),
        ...(operatingSystem ? { operatingSystem } : {}),
        ...(operatingSystemVersion ? { operatingSystemVersion } : {}),
      });
    };
    await computer("WS-NEW-01", "Windows 11 Enterprise", "10.0 (26100)");
    await computer("WS-OLD-01", "Windows 7 Professional", "6.1 (7601)");
    await computer("WS-GONE-01", "Windows 11 Enterprise", "10.0 (26100)");
    await computer("PRESTAGED-01");
  } finally {
    await client.unbind();
  }
  const logon = (name: string, days: number) => ({
    dn: dn[name]!,
    replace: { lastLogonTimestamp: toFileTime(daysAgo(days)), whenCreated: toGeneralizedTime(daysAgo(400)) },
  });
  await dc.ldbModify(
    replaceLdif([
      logon("WS-NEW-01", 1),
      logon("WS-OLD-01", 1),
      logon("WS-GONE-01", 200),
      { dn: dn["PRESTAGED-01"]!, replace: { whenCreated: toGeneralizedTime(daysAgo(300)) } },
    ]),
  );
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "itaku-ad-computers-"));
  dc = await startSambaDc();
  await seed();
  const config = join(work, "itaku.yaml");
  const ad = {
    url: dc.ldapsUrl,
    baseDN: dc.baseDN,
    bindDN: dn.reader,
    passwordEnv: "ITAKU_AD_PASSWORD",
    caFile: dc.caFile,
    serverName: dc.serverName,
  };
  writeFileSync(
    config,
    ["ad:", ...Object.entries(ad).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`), ""].join("\n"),
  );
  scan = async (now) => {
    const run = await runCli(
      ["scan", "--ad", "--config", config, "--format", "json", "--now", now.toISOString(), "-q"],
      { env: { ITAKU_AD_PASSWORD: READER_PASSWORD } },
    );
    expect(run.code).toBe(1);
    return (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
  };
  findings = await scan(NOW);
}, 600_000);

afterAll(async () => {
  await dc?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

const verdict = (ruleId: string, resourceId: string) => {
  const found = findings.filter(
    (f) => f.ruleId === ruleId && f.resource.id.toLowerCase() === resourceId.toLowerCase(),
  );
  expect(found).toHaveLength(1);
  return found[0]!.messageId ? `${found[0]!.status}:${found[0]!.messageId}` : found[0]!.status;
};

test("a computer past its end of support fails; a supported one passes; one with no OS is unknown", () => {
  expect(verdict("ad-computer-unsupported-os", dn["WS-OLD-01"]!)).toBe("fail:unsupported");
  expect(verdict("ad-computer-unsupported-os", dn["WS-NEW-01"]!)).toBe(
    NOW < new Date("2027-10-12T00:00:00Z") ? "pass" : "fail:unsupported",
  );
  expect(verdict("ad-computer-unsupported-os", dn["PRESTAGED-01"]!)).toBe("unknown");
});

test("stale and never-joined computer accounts fail", () => {
  expect(verdict("ad-computer-stale", dn["WS-NEW-01"]!)).toBe("pass");
  expect(verdict("ad-computer-stale", dn["WS-GONE-01"]!)).toBe("fail:stale");
  expect(verdict("ad-computer-stale", dn["PRESTAGED-01"]!)).toBe("fail:neverLoggedOn");
});

test("Samba's default machine account quota (10) fails", () => {
  expect(verdict("ad-machine-account-quota", dc.baseDN)).toBe("fail:quota");
});

test("krbtgt's password, set at provisioning, passes today and fails when evaluated 200 days on", async () => {
  // Samba refuses any pwdLastSet but 0 or -1, even through sam.ldb, so time moves instead of the attribute.
  expect(verdict("ad-krbtgt-password-age", dc.baseDN)).toBe("pass");
  const later = await scan(daysAgo(-200));
  const krbtgt = later.find((f) => f.ruleId === "ad-krbtgt-password-age");
  expect(krbtgt && `${krbtgt.status}:${krbtgt.messageId}`).toBe("fail:old");
});
