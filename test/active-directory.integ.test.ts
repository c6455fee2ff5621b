// Active Directory end to end against a real Samba AD DC: seeded over LDAP (and ldbmodify for the
// attributes the directory owns), collected by @itaku/collector-ad, then scanned by the real CLI.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collectAd } from "@itaku/collector-ad";
import {
  type AdConfig,
  adConfigSchema,
  type Finding,
  type ResourceOf,
  SourceUnavailableError,
  snapshotSchema,
} from "@itaku/core";
import { Attribute, Change } from "ldapts";
import { runCli } from "./harness/cli";
import {
  addGroup,
  addMembers,
  addUser,
  inParallel,
  makeCa,
  NORMAL_ACCOUNT,
  replaceLdif,
  type SambaDc,
  startSambaDc,
  toFileTime,
  toGeneralizedTime,
} from "./harness/samba";

const DAY = 86_400_000;
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const PASSWORD = "Seed-Passw0rd!x";
const READER_PASSWORD = "Reader-Passw0rd!x";
const BULK_MEMBERS = 1600;

const UAC = {
  DONT_EXPIRE_PASSWORD: 0x10000,
  PASSWD_NOTREQD: 0x20,
  ENCRYPTED_TEXT_PWD_ALLOWED: 0x80,
  DONT_REQ_PREAUTH: 0x400000,
  USE_DES_KEY_ONLY: 0x200000,
  TRUSTED_FOR_DELEGATION: 0x80000,
};

interface Seeded {
  dn: Record<string, string>;
  bulkGroup: string;
  tier0: string;
  tier1: string;
}

let dc: SambaDc;
let seeded: Seeded;
let work: string;

async function seed(dc: SambaDc): Promise<Seeded> {
  const client = await dc.admin();
  const base = dc.baseDN;
  const dn: Record<string, string> = {};
  try {
    const plain = async (cn: string, extra: { displayName?: string; uac?: number } = {}) => {
      dn[cn] = await addUser(client, base, {
        cn,
        displayName: extra.displayName,
        password: PASSWORD,
        userAccountControl: extra.uac === undefined ? undefined : NORMAL_ACCOUNT | extra.uac,
      });
    };
    dn["itaku-reader"] = await addUser(client, base, { cn: "itaku-reader", password: READER_PASSWORD });
    await plain("yamada", { displayName: "山田 太郎" });
    await plain("adm-sato", { displayName: "佐藤 花子（管理者）" });
    await plain("adm-old", { displayName: "中村 亮（旧管理者）" });
    await plain("stale-suzuki", { displayName: "鈴木 一郎" });
    await plain("never-old", { displayName: "未使用 古い" });
    await plain("never-new", { displayName: "未使用 新しい" });
    await plain("sync-lag", { displayName: "同期 遅延" });
    await plain("nested-admin", { displayName: "入れ子 管理者" });
    await plain("pg-admin", { displayName: "主グループ 管理者" });
    await plain("ops-user", { displayName: "アカウント オペレーター" });
    await plain("pwd-never-expires", { uac: UAC.DONT_EXPIRE_PASSWORD });
    await plain("pwd-not-required", { uac: UAC.PASSWD_NOTREQD });
    await plain("reversible", { uac: UAC.ENCRYPTED_TEXT_PWD_ALLOWED });
    await plain("no-preauth", { uac: UAC.DONT_REQ_PREAUTH });
    await plain("des-only", { uac: UAC.USE_DES_KEY_ONLY });
    await plain("delegation", { uac: UAC.TRUSTED_FOR_DELEGATION });

    // A user two groups deep under Domain Admins, and one there through its primary group.
    const domainAdmins = `CN=Domain Admins,CN=Users,${base}`;
    const tier0 = await addGroup(client, base, "tier0-admins");
    const tier1 = await addGroup(client, base, "tier1-ops");
    await addMembers(client, domainAdmins, [dn["adm-sato"]!, dn["adm-old"]!, tier0]);
    await addMembers(client, tier0, [tier1]);
    await addMembers(client, tier1, [dn["nested-admin"]!, dn["pg-admin"]!]);
    const tier1Rid = await ridOf(client, tier1);
    await client.modify(
      dn["pg-admin"]!,
      new Change({
        operation: "replace",
        modification: new Attribute({ type: "primaryGroupID", values: [String(tier1Rid)] }),
      }),
    );
    // AD drops a user from the member list of the group that becomes its primary group.
    await addMembers(client, `CN=Account Operators,CN=Builtin,${base}`, [dn["ops-user"]!]);

    // A group larger than AD's MaxValRange (1,500), so `member;range=` takes two requests.
    const bulkGroup = await addGroup(client, base, "all-staff");
    const bulk = await inParallel(
      Array.from({ length: BULK_MEMBERS }, (_, i) => `bulk-${String(i).padStart(4, "0")}`),
      8,
      (cn) => addUser(client, base, { cn, displayName: `社員 ${cn}` }),
    );
    await addMembers(client, bulkGroup, bulk);

    // Attributes the directory owns: set on sam.ldb as a DC would after logons.
    const logon = (name: string, days: number) => ({
      dn: dn[name]!,
      replace: {
        lastLogonTimestamp: toFileTime(daysAgo(days)),
        whenCreated: toGeneralizedTime(daysAgo(400)),
      },
    });
    await dc.ldbModify(
      replaceLdif([
        logon("yamada", 3),
        logon("adm-sato", 2),
        logon("adm-old", 60),
        logon("stale-suzuki", 120),
        logon("sync-lag", 100),
        logon("nested-admin", 5),
        logon("pg-admin", 5),
        logon("ops-user", 5),
        ...[
          "pwd-never-expires",
          "pwd-not-required",
          "reversible",
          "no-preauth",
          "des-only",
          "delegation",
        ].map((n) => logon(n, 3)),
        { dn: dn["never-old"]!, replace: { whenCreated: toGeneralizedTime(daysAgo(200)) } },
        { dn: dn["never-new"]!, replace: { whenCreated: toGeneralizedTime(daysAgo(10)) } },
      ]),
    );
    return { dn, bulkGroup, tier0, tier1 };
  } finally {
    await client.unbind();
  }
}

async function ridOf(client: Awaited<ReturnType<SambaDc["admin"]>>, dn: string): Promise<number> {
  const { searchEntries } = await client.search(dn, {
    scope: "base",
    attributes: ["objectSid"],
    explicitBufferAttributes: ["objectSid"],
  });
  const sid = searchEntries[0]!.objectSid as Buffer;
  return sid.readUInt32LE(sid.length - 4);
}

const readerConfig = (overrides: Partial<AdConfig> = {}): AdConfig =>
  adConfigSchema.parse({
    url: dc.ldapsUrl,
    baseDN: dc.baseDN,
    bindDN: seeded.dn["itaku-reader"],
    passwordEnv: "ITAKU_AD_PASSWORD",
    caFile: dc.caFile,
    serverName: dc.serverName,
    ...overrides,
  });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "itaku-ad-"));
  dc = await startSambaDc();
  seeded = await seed(dc);
}, 900_000);

afterAll(async () => {
  await dc?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("collectAd against Samba", () => {
  let snapshot: Awaited<ReturnType<typeof collectAd>>;
  const user = (name: string) =>
    snapshot.resources.find((r): r is ResourceOf<"ad.user"> => r.type === "ad.user" && r.name === name)!;
  const group = (name: string) =>
    snapshot.resources.find((r): r is ResourceOf<"ad.group"> => r.type === "ad.group" && r.name === name)!;

  beforeAll(async () => {
    const lines: string[] = [];
    snapshot = await collectAd(readerConfig({ pageSize: 500 }), {
      env: { ITAKU_AD_PASSWORD: READER_PASSWORD },
      progress: (line) => lines.push(line),
      now: () => NOW,
    });
    expect(lines.join("\n")).not.toContain(READER_PASSWORD);
  });

  it("builds a snapshot that validates against the Snapshot schema", () => {
    const parsed = snapshotSchema.safeParse(snapshot);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
    expect(JSON.stringify(snapshot)).not.toContain(READER_PASSWORD);
    expect(snapshot.sources).toEqual([
      expect.objectContaining({ provider: "ad", scope: dc.realm, regions: ["global"], gaps: [] }),
    ]);
    // Provenance: who read the directory is the bind DN.
    expect(snapshot.sources[0]!.collectedBy).toBe(seeded.dn["itaku-reader"]);
  });

  it("reads the domain object: SID, NetBIOS name, password and lockout policy", () => {
    const domain = snapshot.resources.find((r) => r.type === "ad.domain") as ResourceOf<"ad.domain">;
    expect(domain).toMatchObject({ id: dc.baseDN, scope: dc.realm, region: "global", name: dc.realm });
    expect(domain.attributes).toMatchObject({
      dnsName: dc.realm,
      netbiosName: dc.netbiosDomain,
      sid: expect.stringMatching(/^S-1-5-21-\d+-\d+-\d+$/),
      logonTimeSyncIntervalDays: null,
      // Samba's defaults: 7 characters, 42 days, 24 remembered, complex, no lockout.
      passwordPolicy: expect.objectContaining({
        minLength: 7,
        maxAgeDays: 42,
        historyLength: 24,
        complexity: true,
        lockoutThreshold: 0,
      }),
    });
  });

  it("normalizes users: SID and RID, times as ISO, flags, Japanese names", () => {
    const yamada = user("yamada");
    expect(yamada.attributes).toMatchObject({
      displayName: "山田 太郎",
      enabled: true,
      sid: expect.stringMatching(/^S-1-5-21-\d+-\d+-\d+-\d+$/),
      lastLogonTimestamp: daysAgo(3).toISOString(),
      createdAt: daysAgo(400).toISOString(),
      primaryGroupId: 513,
      memberOf: [`CN=Domain Users,CN=Users,${dc.baseDN}`],
      privilegedGroupRids: [],
    });
    expect(yamada.attributes.rid).toBe(Number(yamada.attributes.sid.split("-").pop()));
    expect(user("never-old").attributes.lastLogonTimestamp).toBeNull();
    expect(user("Administrator").attributes.rid).toBe(500);
    expect(user("Guest").attributes).toMatchObject({ rid: 501, enabled: false });
    const flags = (name: string) => user(name).attributes.flags;
    expect(flags("pwd-never-expires").passwordNeverExpires).toBe(true);
    expect(flags("pwd-not-required").passwordNotRequired).toBe(true);
    expect(flags("reversible").reversibleEncryption).toBe(true);
    expect(flags("no-preauth").dontRequirePreauth).toBe(true);
    expect(flags("des-only").useDesKeyOnly).toBe(true);
    expect(flags("delegation").trustedForDelegation).toBe(true);
    expect(flags("yamada")).toMatchObject({
      passwordNeverExpires: false,
      trustedForDelegation: false,
      disabled: false,
    });
    expect(user("bulk-0001").attributes).toMatchObject({ enabled: false, displayName: "社員 bulk-0001" });
  });

  it("finds privileged groups by well-known RID and resolves nesting and primary groups", () => {
    expect(group("Domain Admins").attributes.privilegedRid).toBe(512);
    expect(group("Account Operators").attributes).toMatchObject({ privilegedRid: 548, sid: "S-1-5-32-548" });
    expect(group("tier0-admins").attributes.privilegedRid).toBeUndefined();
    const transitive = group("Domain Admins").attributes.transitiveUserMembers;
    expect(transitive).toEqual(
      expect.arrayContaining([
        user("Administrator").id,
        seeded.dn["adm-sato"],
        seeded.dn["adm-old"],
        seeded.dn["nested-admin"],
        seeded.dn["pg-admin"],
      ]),
    );
    expect(transitive).not.toContain(seeded.dn.yamada);
    expect(user("nested-admin").attributes.privilegedGroupRids).toContain(512);
    expect(user("pg-admin").attributes).toMatchObject({
      privilegedGroupRids: expect.arrayContaining([512]),
      memberOf: expect.arrayContaining([seeded.tier1]),
    });
    // …through its primaryGroupID alone: AD keeps a primary group's members out of its member list.
    expect(group("tier1-ops").attributes.members).toEqual([seeded.dn["nested-admin"]]);
    expect(user("ops-user").attributes.privilegedGroupRids).toEqual([548]);
  });

  it("joins every `member;range=` page of a group larger than 1,500", () => {
    const bulk = group("all-staff");
    expect(bulk.attributes.members).toHaveLength(BULK_MEMBERS);
    expect(new Set(bulk.attributes.members).size).toBe(BULK_MEMBERS);
    expect(snapshot.sources[0]!.stats?.rangeRequests).toBeGreaterThanOrEqual(1);
  });

  it("reads the same data with StartTLS on ldap://", async () => {
    const viaStartTls = await collectAd(readerConfig({ url: dc.ldapUrl, startTls: true }), {
      env: { ITAKU_AD_PASSWORD: READER_PASSWORD },
      now: () => NOW,
    });
    const names = (s: typeof snapshot) => s.resources.map((r) => r.id).sort();
    expect(names(viaStartTls)).toEqual(names(snapshot));
  });

  it("refuses plain ldap:// unless allowPlainLdap, and a missing password variable, as input errors", async () => {
    await expect(
      collectAd(readerConfig({ url: dc.ldapUrl }), { env: { ITAKU_AD_PASSWORD: READER_PASSWORD } }),
    ).rejects.toThrow(/ad\.url: ldap:\/\/ without TLS/);
    await expect(collectAd(readerConfig(), { env: {} })).rejects.toThrow(/ITAKU_AD_PASSWORD/);
  });

  it("turns a rejected bind, an untrusted certificate and a wrong server name into SourceUnavailableError", async () => {
    const attempt = (config: AdConfig, password = READER_PASSWORD) =>
      collectAd(config, { env: { ITAKU_AD_PASSWORD: password } }).then(
        () => undefined,
        (error: unknown) => error,
      );
    const badPassword = await attempt(readerConfig(), "not-the-password");
    expect(badPassword).toBeInstanceOf(SourceUnavailableError);
    expect(String((badPassword as Error).message)).toMatch(/invalid credentials/);
    expect(String((badPassword as Error).message)).not.toContain("not-the-password");
    const wrongCa = await attempt(readerConfig({ caFile: makeCa(join(work, "other-ca")) }));
    expect(wrongCa).toBeInstanceOf(SourceUnavailableError);
    expect(String((wrongCa as Error).message)).toMatch(/TLS check .* not trusted/);
    const wrongName = await attempt(readerConfig({ serverName: "not-the-dc.example" }));
    expect(String((wrongName as Error).message)).toMatch(/not valid for "not-the-dc.example"/);
  });
});

describe("itaku scan --ad against Samba", () => {
  let findings: Finding[];
  let configFile: string;

  const writeConfig = (name: string, overrides: Record<string, unknown> = {}) => {
    const ad = {
      url: dc.ldapsUrl,
      baseDN: dc.baseDN,
      bindDN: seeded.dn["itaku-reader"],
      passwordEnv: "ITAKU_AD_PASSWORD",
      caFile: dc.caFile,
      serverName: dc.serverName,
      ...overrides,
    };
    const path = join(work, name);
    writeFileSync(
      path,
      [
        "roster: ./roster.csv",
        "ad:",
        ...Object.entries(ad).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`),
        "rules:",
        "  ad-privileged-group-size: { maxMembers: 3 }",
        "",
      ].join("\n"),
    );
    return path;
  };

  beforeAll(async () => {
    writeFileSync(
      join(work, "roster.csv"),
      [
        "person_id,name,email,role,aws_iam_users,ad_accounts,start_date,end_date,briefed_at",
        "P001,佐藤 花子,sato@example.test,admin,,adm-sato;adm-old,2024-04-01,,2026-04-01",
        "P002,山田 太郎,yamada@example.test,member,,yamada;nested-admin;ops-user,2024-04-01,,2026-04-01",
        "",
      ].join("\n"),
    );
    configFile = writeConfig("itaku.yaml");
    const run = await runCli(
      ["scan", "--ad", "--config", configFile, "--format", "json", "--now", NOW.toISOString()],
      {
        env: { ITAKU_AD_PASSWORD: READER_PASSWORD },
      },
    );
    expect({ code: run.code, stderr: run.stderr.includes(READER_PASSWORD) }).toEqual({
      code: 1,
      stderr: false,
    });
    expect(run.stdout).not.toContain(READER_PASSWORD);
    findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
  }, 300_000);

  const verdict = (ruleId: string, name: string) => {
    const found = findings.filter((f) => f.ruleId === ruleId && f.resource.name === name);
    expect(found).toHaveLength(1);
    return { status: found[0]!.status, messageId: found[0]!.messageId };
  };

  it("flags stale accounts, allowing for the lastLogonTimestamp replication lag", () => {
    expect(verdict("ad-user-stale", "stale-suzuki")).toEqual({ status: "fail", messageId: "stale" });
    expect(verdict("ad-user-stale", "never-old")).toEqual({ status: "fail", messageId: "neverLoggedOn" });
    expect(verdict("ad-user-stale", "never-new").status).toBe("pass");
    expect(verdict("ad-user-stale", "sync-lag").status).toBe("pass");
    expect(verdict("ad-user-stale", "yamada").status).toBe("pass");
    expect(verdict("ad-user-stale", "bulk-0001").status).toBe("not_applicable");
  });

  it.each([
    ["ad-user-password-never-expires", "pwd-never-expires"],
    ["ad-user-password-not-required", "pwd-not-required"],
    ["ad-user-reversible-encryption", "reversible"],
    ["ad-user-kerberos-preauth-disabled", "no-preauth"],
    ["ad-user-des-only", "des-only"],
    ["ad-user-unconstrained-delegation", "delegation"],
  ])("%s fails %s and passes an ordinary user", (ruleId, name) => {
    expect(verdict(ruleId, name).status).toBe("fail");
    expect(verdict(ruleId, "yamada").status).toBe("pass");
  });

  it("flags privileged members who are not roster admins, nested and by primary group included", () => {
    expect(verdict("ad-privileged-member-not-admin", "adm-sato").status).toBe("pass");
    expect(verdict("ad-privileged-member-not-admin", "nested-admin")).toEqual({
      status: "fail",
      messageId: "notAdmin",
    });
    expect(verdict("ad-privileged-member-not-admin", "pg-admin")).toEqual({
      status: "fail",
      messageId: "unowned",
    });
    expect(verdict("ad-privileged-member-not-admin", "Administrator")).toEqual({
      status: "fail",
      messageId: "unowned",
    });
    expect(verdict("ad-privileged-member-not-admin", "yamada").status).toBe("pass");
  });

  it("flags inactive privileged members, too many Domain Admins and non-empty operator groups", () => {
    expect(verdict("ad-privileged-member-inactive", "adm-old").status).toBe("fail");
    expect(verdict("ad-privileged-member-inactive", "adm-sato").status).toBe("pass");
    expect(verdict("ad-privileged-group-size", "Domain Admins")).toEqual({
      status: "fail",
      messageId: "tooMany",
    });
    expect(verdict("ad-operators-group-empty", "Account Operators")).toEqual({
      status: "fail",
      messageId: "notEmpty",
    });
    expect(verdict("ad-operators-group-empty", "Server Operators").status).toBe("pass");
    expect(verdict("ad-guest-disabled", "Guest").status).toBe("pass");
  });

  it("judges the domain password policy (Samba's default has no lockout)", () => {
    expect(verdict("ad-domain-password-policy", dc.realm).status).toBe("fail");
  });

  it("exits 3 with one line when the password is wrong", async () => {
    const run = await runCli(["scan", "--ad", "--config", configFile, "--format", "json", "-q"], {
      env: { ITAKU_AD_PASSWORD: "wrong-Passw0rd" },
    });
    expect(run.code).toBe(3);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/invalid credentials/);
    expect(run.stderr).not.toContain("wrong-Passw0rd");
  });

  it("exits 3 with one line when the certificate is not signed by the configured CA", async () => {
    const config = writeConfig("wrong-ca.yaml", { caFile: makeCa(join(work, "wrong-ca")) });
    const run = await runCli(["scan", "--ad", "--config", config, "--format", "json", "-q"], {
      env: { ITAKU_AD_PASSWORD: READER_PASSWORD },
    });
    expect(run.code).toBe(3);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/TLS check/);
  });

  it("exits 3 with one line when the server is stopped", async () => {
    await dc.stop();
    try {
      const run = await runCli(["scan", "--ad", "--config", configFile, "--format", "json", "-q"], {
        env: { ITAKU_AD_PASSWORD: READER_PASSWORD },
      });
      expect(run.code).toBe(3);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/cannot reach .*connection refused/);
    } finally {
      await dc.start();
    }
  });
});
