// Privileged-account hardening, fine-grained password policies, trusts and LAPS against a real Samba AD
// DC: accounts and group memberships made over LDAP, a PSO made with samba-tool, trustedDomain objects
// and the LAPS schema extension written to sam.ldb as a DC (or a schema admin) would; then
// `itaku scan --ad` runs and the findings are asserted.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Finding } from "@itaku/core";
import { runCli } from "./harness/cli";
import {
  addMembers,
  addUser,
  NORMAL_ACCOUNT,
  replaceLdif,
  type SambaDc,
  startSambaDc,
  toFileTime,
} from "./harness/samba";

const run = promisify(execFile);
const DAY = 86_400_000;
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const READER_PASSWORD = "Reader-Passw0rd!x";
const PASSWORD = "Seed-Passw0rd!x";
const UAC = { SMARTCARD_REQUIRED: 0x40000, NOT_DELEGATED: 0x100000, WORKSTATION_TRUST_ACCOUNT: 0x1000 };
const APPROVED_PARTNER = "partner.subcontractor.example";

let dc: SambaDc;
let work: string;
let findings: Finding[];
let scan: () => Promise<Finding[]>;
const dn: Record<string, string> = {};

async function seedAccounts(): Promise<void> {
  const client = await dc.admin();
  const base = dc.baseDN;
  try {
    dn.reader = await addUser(client, base, { cn: "itaku-reader", password: READER_PASSWORD });
    const account = async (cn: string, uac = 0, servicePrincipalName?: string[]) => {
      dn[cn] = await addUser(client, base, {
        cn,
        password: PASSWORD,
        userAccountControl: NORMAL_ACCOUNT | uac,
        servicePrincipalName,
      });
    };
    await account("svc-sql-admin", 0, ["MSSQLSvc/db01.corp.itaku-test.example:1433"]);
    await account("svc-web", 0, ["HTTP/web01.corp.itaku-test.example"]);
    await account("adm-plain");
    await account("adm-sensitive", UAC.NOT_DELEGATED);
    await account("adm-protected", UAC.SMARTCARD_REQUIRED);
    await account("adm-nested-protected");
    await addMembers(client, `CN=Domain Admins,CN=Users,${base}`, [
      dn["svc-sql-admin"]!,
      dn["adm-plain"]!,
      dn["adm-sensitive"]!,
      dn["adm-protected"]!,
      dn["adm-nested-protected"]!,
    ]);
    // Protected Users (RID 525, provisioned by Samba): one member directly, one through a nested group.
    const protectedUsers = `CN=Protected Users,CN=Users,${base}`;
    dn.tier0 = `CN=tier0-protected,CN=Users,${base}`;
    await client.add(dn.tier0, { objectClass: ["top", "group"], sAMAccountName: "tier0-protected" });
    await addMembers(client, dn.tier0, [dn["adm-nested-protected"]!]);
    await addMembers(client, protectedUsers, [dn["adm-protected"]!, dn.tier0]);

    for (const name of ["WS-LAPS-01", "WS-NOLAPS-01"]) {
      dn[name] = `CN=${name},CN=Computers,${base}`;
      await client.add(dn[name]!, {
        objectClass: ["top", "person", "organizationalPerson", "user", "computer"],
        sAMAccountName: `${name}$`,
        userAccountControl: String(UAC.WORKSTATION_TRUST_ACCOUNT),
      });
    }
  } finally {
    await client.unbind();
  }
}

/** A weak PSO for Domain Admins, made as an administrator would, with samba-tool. */
async function seedPasswordSettings(): Promise<void> {
  const samba = (...args: string[]) => run("samba-tool", [...args, "-H", dc.samLdb, "-s", dc.confFile]);
  await samba(
    "domain",
    "passwordsettings",
    "pso",
    "create",
    "admins-weak",
    "10",
    "--min-pwd-length=4",
    "--complexity=off",
    "--history-length=24",
    "--max-pwd-age=60",
    "--account-lockout-threshold=5",
    "--account-lockout-duration=30",
  );
  await samba("domain", "passwordsettings", "pso", "apply", "admins-weak", "Domain Admins");
}

/**
 * trustedDomain objects as `samba-tool domain trust create` leaves them. That command needs the partner's
 * DC to answer, so the objects are written to sam.ldb directly; the collector reads them over LDAP as usual.
 */
async function seedTrusts(): Promise<void> {
  const trust = (partner: string, direction: number, attributes: number) =>
    [
      `dn: CN=${partner},CN=System,${dc.baseDN}`,
      "changetype: add",
      "objectClass: trustedDomain",
      `trustPartner: ${partner}`,
      `flatName: ${partner.split(".")[0]!.toUpperCase()}`,
      `trustDirection: ${direction}`,
      "trustType: 2",
      `trustAttributes: ${attributes}`,
      "",
    ].join("\n");
  await dc.ldbModify(
    [
      trust(APPROVED_PARTNER, 3, 0x4), // approved, quarantined
      trust("rogue.example", 2, 0), // nobody approved it; SIDs not filtered
      trust("forest-partner.example", 3, 0x8 | 0x40), // a forest trust letting SID history through
      trust("client.example", 1, 0), // inbound only: the partner's accounts cannot come in
    ].join("\n"),
  );
}

/** Legacy LAPS's schema extension (Update-AdmPwdADSchema), with the server stopped so it reloads the schema. */
async function seedLaps(): Promise<void> {
  const schema = `CN=Schema,CN=Configuration,${dc.baseDN}`;
  await dc.stop();
  await dc.ldbModify(
    [
      `dn: CN=ms-Mcs-AdmPwdExpirationTime,${schema}`,
      "changetype: add",
      "objectClass: attributeSchema",
      "attributeID: 1.2.840.113556.1.8000.2554.50051.45980.28112.18903.35903.6685103.1224907.2.2",
      "lDAPDisplayName: ms-Mcs-AdmPwdExpirationTime",
      "attributeSyntax: 2.5.5.16",
      "oMSyntax: 65",
      "isSingleValued: TRUE",
      "searchFlags: 0",
      "",
    ].join("\n"),
    { schemaUpdate: true },
  );
  // A second run: the class may name the attribute only once the schema knows it.
  await dc.ldbModify(
    [
      `dn: CN=Computer,${schema}`,
      "changetype: modify",
      "add: mayContain",
      "mayContain: ms-Mcs-AdmPwdExpirationTime",
      "",
    ].join("\n"),
    { schemaUpdate: true },
  );
  await dc.ldbModify(
    replaceLdif([
      {
        dn: dn["WS-LAPS-01"]!,
        replace: { "ms-Mcs-AdmPwdExpirationTime": toFileTime(new Date(NOW.getTime() + 20 * DAY)) },
      },
    ]),
  );
  await dc.start();
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "itaku-ad-hardening-"));
  dc = await startSambaDc();
  await seedAccounts();
  await seedPasswordSettings();
  await seedTrusts();
  await seedLaps();
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
    [
      "ad:",
      ...Object.entries(ad).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`),
      "rules:",
      "  ad-privileged-user-smartcard: { requireFor: privileged }",
      "subcontractors:",
      `  - { name: Partner K.K., adDomains: [${APPROVED_PARTNER}], approvedBy: client, approvedAt: 2026-01-01 }`,
      "",
    ].join("\n"),
  );
  scan = async () => {
    const run = await runCli(
      ["scan", "--ad", "--config", config, "--format", "json", "--now", NOW.toISOString(), "-q"],
      { env: { ITAKU_AD_PASSWORD: READER_PASSWORD } },
    );
    expect(run.stderr).toBe("");
    return (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
  };
  findings = await scan();
}, 600_000);

afterAll(async () => {
  await dc?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

const finding = (ruleId: string, resourceId: string) => {
  const found = findings.filter(
    (f) => f.ruleId === ruleId && f.resource.id.toLowerCase() === resourceId.toLowerCase(),
  );
  expect(found).toHaveLength(1);
  return found[0]!;
};
const verdict = (ruleId: string, resourceId: string) => {
  const f = finding(ruleId, resourceId);
  return f.messageId ? `${f.status}:${f.messageId}` : f.status;
};

test("a privileged account with a servicePrincipalName fails; a plain service account is not applicable", () => {
  expect(verdict("ad-privileged-user-kerberoastable", dn["svc-sql-admin"]!)).toBe("fail:servicePrincipal");
  expect(verdict("ad-privileged-user-kerberoastable", dn["adm-plain"]!)).toBe("pass");
  expect(verdict("ad-privileged-user-kerberoastable", dn["svc-web"]!)).toBe("not_applicable");
});

test("administrators must be sensitive or in Protected Users (directly or nested)", () => {
  expect(verdict("ad-privileged-user-delegation-protected", dn["adm-plain"]!)).toBe("fail:delegable");
  expect(verdict("ad-privileged-user-delegation-protected", dn["adm-sensitive"]!)).toBe("pass");
  expect(verdict("ad-privileged-user-delegation-protected", dn["adm-protected"]!)).toBe("pass");
  expect(verdict("ad-privileged-user-delegation-protected", dn["adm-nested-protected"]!)).toBe("pass");
});

test("with requireFor: privileged, administrators without SMARTCARD_REQUIRED fail", () => {
  expect(verdict("ad-privileged-user-smartcard", dn["adm-protected"]!)).toBe("pass");
  expect(verdict("ad-privileged-user-smartcard", dn["adm-plain"]!)).toBe("fail:passwordOnly");
  expect(verdict("ad-privileged-user-smartcard", dn["svc-web"]!)).toBe("not_applicable");
});

test("PSOs are hidden from a plain reader; read once it may list them, they are judged like the domain policy", async () => {
  // AD (and Samba) let only administrators read the Password Settings Container's objects by default.
  expect(finding("ad-domain-password-policy", dc.baseDN).evidence.fineGrained).toEqual([]);
  const { stdout } = await run("ldbsearch", ["-H", dc.samLdb, "-s", "base", "-b", dn.reader!, "objectSid"]);
  const readerSid = /^objectSid: (S-[\d-]+)$/m.exec(stdout)?.[1];
  expect(readerSid).toBeDefined();
  await run("samba-tool", [
    "dsacl",
    "set",
    "-H",
    dc.samLdb,
    "-s",
    dc.confFile,
    `--objectdn=CN=Password Settings Container,CN=System,${dc.baseDN}`,
    `--sddl=(A;CI;RPLCLORC;;;${readerSid})`,
  ]);
  const policy = (await scan()).find((f) => f.ruleId === "ad-domain-password-policy")!;
  expect(policy.status).toBe("fail");
  expect(policy.evidence.fineGrained).toEqual([
    {
      name: "admins-weak",
      appliesTo: [`CN=Domain Admins,CN=Users,${dc.baseDN}`],
      shortfalls: ["minLength", "complexity"],
    },
  ]);
});

test("trusts: an unapproved one and unfiltered SIDs fail; inbound-only is not applicable", () => {
  const trustDn = (partner: string) => `CN=${partner},CN=System,${dc.baseDN}`;
  expect(verdict("ad-trust-approved", trustDn(APPROVED_PARTNER))).toBe("pass");
  expect(verdict("ad-trust-approved", trustDn("rogue.example"))).toBe("fail:unapproved");
  expect(verdict("ad-trust-approved", trustDn("forest-partner.example"))).toBe("fail:unapproved");
  expect(verdict("ad-trust-approved", trustDn("client.example"))).toBe("not_applicable");
  expect(verdict("ad-trust-sid-filtering", trustDn(APPROVED_PARTNER))).toBe("pass");
  expect(verdict("ad-trust-sid-filtering", trustDn("rogue.example"))).toBe("fail:externalNotQuarantined");
  expect(verdict("ad-trust-sid-filtering", trustDn("forest-partner.example"))).toBe("fail:forestSidHistory");
});

test("with the LAPS schema, a computer without a managed password fails; the DC is not applicable", () => {
  expect(verdict("ad-computer-laps", dn["WS-LAPS-01"]!)).toBe("pass");
  expect(verdict("ad-computer-laps", dn["WS-NOLAPS-01"]!)).toBe("fail:unmanaged");
  const controller = findings.find(
    (f) => f.ruleId === "ad-computer-laps" && /OU=Domain Controllers/i.test(f.resource.id),
  );
  expect(controller?.status).toBe("not_applicable");
});
