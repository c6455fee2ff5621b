// A real Samba AD domain controller for tests and benchmarks: provisioned into a directory of its own
// (never /etc/samba), serving LDAP/LDAPS on a free loopback address, seeded over LDAP as Administrator,
// with directory-owned attributes (lastLogonTimestamp, whenCreated) set through ldbmodify on sam.ldb.
import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { Attribute, Change, Client } from "ldapts";
import pLimit from "p-limit";

const run = promisify(execFile);
const REPO_ROOT = resolve(__dirname, "../..");
const LDAP_PORTS = [389, 636, 3268, 3269];

export interface SambaDcOptions {
  /** Domain directory; a domain already provisioned there is reused. Default: a new temp dir that destroy() removes. */
  dir?: string;
  /** DNS name of the domain. */
  realm?: string;
  /** NetBIOS name of the domain. */
  netbiosDomain?: string;
  hostName?: string;
  adminPassword?: string;
  /**
   * `samba`: the CA and certificate Samba generates for the domain (its name is the DC's DNS name, so
   * clients check it through serverName). `openssl`: a CA made here whose server certificate also
   * names the loopback address, for clients such as ldapsearch that cannot override the name.
   */
  certificate?: "samba" | "openssl";
}

export interface SambaDc {
  readonly dir: string;
  readonly address: string;
  readonly ldapsUrl: string;
  readonly ldapUrl: string;
  readonly caFile: string;
  /** The name the server certificate carries. */
  readonly serverName: string;
  readonly realm: string;
  readonly netbiosDomain: string;
  readonly baseDN: string;
  readonly adminDN: string;
  readonly adminPassword: string;
  readonly samLdb: string;
  readonly confFile: string;
  readonly running: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server and removes the directory unless it was given by the caller. */
  destroy(): Promise<void>;
  /** An LDAPS client bound as Administrator (CA and name verified). */
  admin(): Promise<Client>;
  /**
   * Applies LDIF to sam.ldb directly, as the directory itself would (for attributes LDAP may not write).
   * `schemaUpdate` allows changes to the schema; stop the server first so it reloads the schema on start.
   */
  ldbModify(ldif: string, options?: { schemaUpdate?: boolean }): Promise<void>;
}

interface Metadata {
  realm: string;
  netbiosDomain: string;
  hostName: string;
  adminPassword: string;
}

/** Installs Samba and its tools from Debian's packages when missing (scripts/install-samba.sh). */
export function ensureSambaInstalled(): void {
  if (process.getuid?.() !== 0) {
    throw new Error("the Samba AD tests run a domain controller bound to loopback and must run as root");
  }
  const result = spawnSync("bash", [join(REPO_ROOT, "scripts/install-samba.sh")], { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`scripts/install-samba.sh failed (${result.status}): ${result.stderr || result.stdout}`);
  }
}

const sambaBinary = () => (existsSync("/usr/sbin/samba") ? "/usr/sbin/samba" : "samba");

function dnOfRealm(realm: string): string {
  return realm
    .split(".")
    .map((part) => `DC=${part}`)
    .join(",");
}

/** Provisions (when needed) and starts a domain controller. */
export async function startSambaDc(options: SambaDcOptions = {}): Promise<SambaDc> {
  ensureSambaInstalled();
  const owned = options.dir === undefined;
  const dir = resolve(options.dir ?? mkdtempSync(join(tmpdir(), "itaku-samba-")));
  mkdirSync(dir, { recursive: true });
  const metaFile = join(dir, "itaku-dc.json");
  let meta: Metadata;
  if (existsSync(metaFile) && existsSync(join(dir, "private", "sam.ldb"))) {
    meta = JSON.parse(readFileSync(metaFile, "utf8")) as Metadata;
  } else {
    meta = {
      realm: (options.realm ?? "corp.itaku-test.example").toLowerCase(),
      netbiosDomain: (options.netbiosDomain ?? "ITAKUTEST").toUpperCase(),
      hostName: (options.hostName ?? "dc1").toLowerCase(),
      adminPassword: options.adminPassword ?? "Itaku-Admin-Pa55!",
    };
    await provision(dir, meta);
    writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  }
  const certificate = options.certificate ?? "samba";
  const address = await freeLoopbackAddress();
  const serverName = `${meta.hostName}.${meta.realm}`;
  let tlsLines: string[];
  let caFile: string;
  if (certificate === "openssl") {
    const tlsDir = join(dir, "tls-openssl");
    makeServerCertificate(tlsDir, serverName, address);
    caFile = join(tlsDir, "ca.pem");
    tlsLines = [
      `tls certfile = ${join(tlsDir, "cert.pem")}`,
      `tls keyfile = ${join(tlsDir, "key.pem")}`,
      `tls cafile = ${caFile}`,
    ];
  } else {
    caFile = join(dir, "private", "tls", "ca.pem");
    tlsLines = [];
  }
  const confFile = join(dir, "etc", "itaku-run.conf");
  writeRunConf(confFile, dir, meta, address, tlsLines);
  const baseDN = dnOfRealm(meta.realm);
  const dc = new RunningDc(dir, owned, address, caFile, serverName, meta, baseDN, confFile);
  await dc.start();
  return dc;
}

async function provision(dir: string, meta: Metadata): Promise<void> {
  rmSync(join(dir, "private"), { recursive: true, force: true });
  rmSync(join(dir, "etc"), { recursive: true, force: true });
  try {
    await run(
      "samba-tool",
      [
        "domain",
        "provision",
        `--targetdir=${dir}`,
        `--realm=${meta.realm.toUpperCase()}`,
        `--domain=${meta.netbiosDomain}`,
        `--host-name=${meta.hostName}`,
        "--server-role=dc",
        "--dns-backend=NONE",
        `--adminpass=${meta.adminPassword}`,
        "--option=ldb:nosync = true",
        // Keep provisioning's own smb.conf off the system: no interfaces of the host, logs in the dir.
        "--option=interfaces = 127.0.0.1/8",
        "--option=bind interfaces only = yes",
        `--option=log file = ${join(dir, "provision.log")}`,
      ],
      { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LANG: "C.UTF-8" } },
    );
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`samba-tool domain provision failed: ${tail(e.stderr || e.stdout || e.message, 15)}`);
  }
}

function writeRunConf(file: string, dir: string, meta: Metadata, address: string, tlsLines: string[]): void {
  for (const sub of ["run", "log", "cache", "state"]) mkdirSync(join(dir, sub), { recursive: true });
  const lines = [
    "# Written by test/harness/samba.ts for each start; every path stays inside this directory.",
    "[global]",
    `netbios name = ${meta.hostName.toUpperCase()}`,
    `realm = ${meta.realm.toUpperCase()}`,
    `workgroup = ${meta.netbiosDomain}`,
    "server role = active directory domain controller",
    // LDAP is all the tests need; no SMB, DNS, KDC, NBT or replication services.
    "server services = ldap",
    `interfaces = ${address}/8`,
    "bind interfaces only = yes",
    `private dir = ${join(dir, "private")}`,
    `lock directory = ${dir}`,
    `state directory = ${join(dir, "state")}`,
    `cache directory = ${join(dir, "cache")}`,
    `binddns dir = ${join(dir, "bind-dns")}`,
    `pid directory = ${join(dir, "run")}`,
    `ncalrpc dir = ${join(dir, "run", "ncalrpc")}`,
    `winbindd socket directory = ${join(dir, "run", "winbindd")}`,
    `ntp signd socket directory = ${join(dir, "run", "ntp_signd")}`,
    `log file = ${join(dir, "log", "samba.log")}`,
    "logging = file",
    "log level = 0",
    "ldb:nosync = true",
    "tls enabled = yes",
    ...tlsLines,
  ];
  mkdirSync(join(dir, "etc"), { recursive: true });
  writeFileSync(file, `${lines.join("\n")}\n`);
}

class RunningDc implements SambaDc {
  private child: ChildProcess | undefined;
  private output: string[] = [];
  readonly ldapsUrl: string;
  readonly ldapUrl: string;
  readonly samLdb: string;
  readonly realm: string;
  readonly netbiosDomain: string;
  readonly adminDN: string;
  readonly adminPassword: string;

  constructor(
    readonly dir: string,
    private readonly owned: boolean,
    readonly address: string,
    readonly caFile: string,
    readonly serverName: string,
    meta: Metadata,
    readonly baseDN: string,
    readonly confFile: string,
  ) {
    this.ldapsUrl = `ldaps://${address}:636`;
    this.ldapUrl = `ldap://${address}:389`;
    this.samLdb = join(dir, "private", "sam.ldb");
    this.realm = meta.realm;
    this.netbiosDomain = meta.netbiosDomain;
    this.adminDN = `CN=Administrator,CN=Users,${baseDN}`;
    this.adminPassword = meta.adminPassword;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.output = [];
    stopLeftover(this.dir, this.confFile);
    // -i: in the foreground, logging to stdout; the harness owns the process and stops it.
    const child = spawn(sambaBinary(), ["-s", this.confFile, "-i", "-M", "single"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LANG: "C.UTF-8" },
    });
    // A test run that exits without stop() (a failed beforeAll, Ctrl-C) must not leave a DC running.
    const onExit = () => child.kill("SIGKILL");
    process.once("exit", onExit);
    child.once("exit", () => process.removeListener("exit", onExit));
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString("utf8").split("\n"));
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (!this.running)
        throw new Error(`samba exited during start-up:\n${tail(this.output.join("\n"), 20)}`);
      if ((await canConnect(this.address, 636)) && (await this.tlsReady())) return;
      await sleep(200);
    }
    await this.stop();
    throw new Error(
      `samba did not serve LDAPS on ${this.address}:636 within 90 s:\n${tail(this.output.join("\n"), 20)}`,
    );
  }

  private async tlsReady(): Promise<boolean> {
    if (!existsSync(this.caFile)) return false;
    const client = this.client();
    try {
      await client.search("", { scope: "base", attributes: ["defaultNamingContext"] });
      return true;
    } catch {
      return false;
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  private client(): Client {
    return new Client({
      url: this.ldapsUrl,
      timeout: 120_000,
      connectTimeout: 5_000,
      tlsOptions: { ca: [readFileSync(this.caFile)], servername: this.serverName },
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolvePromise) => child.once("exit", () => resolvePromise()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
    // The listening sockets go with the process; wait until the port is really free for a restart.
    for (let i = 0; i < 50 && (await canConnect(this.address, 636)); i++) await sleep(100);
  }

  async destroy(): Promise<void> {
    await this.stop();
    if (this.owned) rmSync(this.dir, { recursive: true, force: true });
  }

  async admin(): Promise<Client> {
    const client = this.client();
    await client.bind(this.adminDN, this.adminPassword);
    return client;
  }

  async ldbModify(ldif: string, options: { schemaUpdate?: boolean } = {}): Promise<void> {
    const file = join(this.dir, `itaku-modify-${process.pid}-${Date.now()}.ldif`);
    writeFileSync(file, ldif);
    const schema = options.schemaUpdate ? ["--option=dsdb:schema update allowed=true"] : [];
    try {
      await run("ldbmodify", [`--configfile=${this.confFile}`, ...schema, "-H", this.samLdb, file], {
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(`ldbmodify failed: ${tail(e.stderr || e.stdout || e.message, 10)}`);
    } finally {
      rmSync(file, { force: true });
    }
  }
}

/**
 * Stops a Samba left running on this directory by an earlier run that died (its pid file names it,
 * and its command line names this directory's config), so the directory can be served again.
 */
function stopLeftover(dir: string, confFile: string): void {
  const pidFile = join(dir, "run", "samba.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 1) return;
  let cmdline = "";
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return; // not running
  }
  if (!cmdline.includes(confFile)) return;
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** A CA and a server certificate naming both the DC's DNS name and its loopback address. */
function makeServerCertificate(dir: string, serverName: string, address: string): void {
  mkdirSync(dir, { recursive: true });
  const openssl = (args: string[]) => {
    const result = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  };
  writeFileSync(
    join(dir, "server.ext"),
    [
      "basicConstraints = critical, CA:FALSE",
      "keyUsage = critical, digitalSignature, keyEncipherment",
      "extendedKeyUsage = serverAuth",
      `subjectAltName = DNS:${serverName}, IP:${address}`,
      "",
    ].join("\n"),
  );
  if (!existsSync(join(dir, "ca.pem"))) {
    makeCa(dir, "itaku test CA");
  }
  openssl([
    "req",
    "-new",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "key.pem",
    "-out",
    "server.csr",
    "-subj",
    `/CN=${serverName}`,
  ]);
  openssl([
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "cert.pem",
    "-days",
    "30",
    "-sha256",
    "-extfile",
    "server.ext",
  ]);
  spawnSync("chmod", ["600", join(dir, "key.pem"), join(dir, "ca.key")]);
}

/** A self-signed CA (ca.pem, ca.key) in `dir`: unrelated to any server, it is the "wrong CA" of the tests. */
export function makeCa(dir: string, name = "itaku unrelated CA"): string {
  mkdirSync(dir, { recursive: true });
  const result = spawnSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "30",
      "-sha256",
      "-subj",
      `/CN=${name}`,
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ],
    { cwd: dir, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`openssl req failed: ${result.stderr}`);
  return join(dir, "ca.pem");
}

/** A 127.x.y.z address whose LDAP ports nothing listens on (Samba's LDAP ports are fixed, so the address varies). */
async function freeLoopbackAddress(): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const address = `127.${100 + Math.floor(Math.random() * 100)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 250)}`;
    let free = true;
    for (const port of LDAP_PORTS) {
      if (!(await canListen(address, port))) {
        free = false;
        break;
      }
    }
    if (free) return address;
  }
  throw new Error(
    "no free loopback address for LDAP ports 389/636/3268/3269 (is something listening on 0.0.0.0?)",
  );
}

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once("error", () => resolvePromise(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolvePromise(true)));
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

const sleep = (ms: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
const tail = (text: string, lines: number) => text.trim().split("\n").slice(-lines).join("\n");

// ---- seeding over LDAP -------------------------------------------------------------------------

export interface SeedUser {
  cn: string;
  sAMAccountName?: string;
  displayName?: string;
  description?: string;
  /** Container DN; default CN=Users. */
  parent?: string;
  /** Sets a password (the account is then enabled unless userAccountControl says otherwise). */
  password?: string;
  userAccountControl?: number;
  servicePrincipalName?: string[];
}

export const NORMAL_ACCOUNT = 0x200;

/** Adds a user; returns its DN. */
export async function addUser(client: Client, baseDN: string, user: SeedUser): Promise<string> {
  const dn = `CN=${escapeRdn(user.cn)},${user.parent ?? `CN=Users,${baseDN}`}`;
  const attributes: Attribute[] = [
    new Attribute({ type: "objectClass", values: ["top", "person", "organizationalPerson", "user"] }),
    new Attribute({ type: "sAMAccountName", values: [user.sAMAccountName ?? user.cn] }),
  ];
  if (user.displayName) attributes.push(new Attribute({ type: "displayName", values: [user.displayName] }));
  if (user.description) attributes.push(new Attribute({ type: "description", values: [user.description] }));
  if (user.servicePrincipalName?.length) {
    attributes.push(new Attribute({ type: "servicePrincipalName", values: user.servicePrincipalName }));
  }
  if (user.password !== undefined) {
    attributes.push(
      new Attribute({ type: "unicodePwd", values: [Buffer.from(`"${user.password}"`, "utf16le")] }),
    );
    attributes.push(new Attribute({ type: "userAccountControl", values: [String(NORMAL_ACCOUNT)] }));
  }
  await client.add(dn, attributes);
  if (user.userAccountControl !== undefined) {
    await client.modify(
      dn,
      new Change({
        operation: "replace",
        modification: new Attribute({
          type: "userAccountControl",
          values: [String(user.userAccountControl)],
        }),
      }),
    );
  }
  return dn;
}

export async function addGroup(client: Client, baseDN: string, cn: string, parent?: string): Promise<string> {
  const dn = `CN=${escapeRdn(cn)},${parent ?? `CN=Users,${baseDN}`}`;
  await client.add(dn, [
    new Attribute({ type: "objectClass", values: ["top", "group"] }),
    new Attribute({ type: "sAMAccountName", values: [cn] }),
  ]);
  return dn;
}

export async function addOrganizationalUnit(client: Client, parentDN: string, ou: string): Promise<string> {
  const dn = `OU=${escapeRdn(ou)},${parentDN}`;
  await client.add(dn, [new Attribute({ type: "objectClass", values: ["top", "organizationalUnit"] })]);
  return dn;
}

export async function addMembers(
  client: Client,
  groupDn: string,
  memberDns: readonly string[],
): Promise<void> {
  for (let i = 0; i < memberDns.length; i += 500) {
    await client.modify(
      groupDn,
      new Change({
        operation: "add",
        modification: new Attribute({ type: "member", values: memberDns.slice(i, i + 500) }),
      }),
    );
  }
}

/** Runs `work` over items with a few requests in flight (Samba answers them in order; this hides latency). */
export function inParallel<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const limit = pLimit(Math.max(1, width));
  return Promise.all(items.map((item) => limit(() => work(item))));
}

/** FILETIME (100 ns ticks since 1601) of a date, as AD stores lastLogonTimestamp. */
export function toFileTime(date: Date): string {
  return ((BigInt(date.getTime()) + 11_644_473_600_000n) * 10_000n).toString();
}

/** Generalized time (`YYYYMMDDHHMMSS.0Z`), as AD stores whenCreated. */
export function toGeneralizedTime(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, "").slice(0, 14)}.0Z`;
}

/** LDIF replacing attributes on entries, for RunningDc.ldbModify. */
export function replaceLdif(changes: readonly { dn: string; replace: Record<string, string> }[]): string {
  return changes
    .map(({ dn, replace }) =>
      [
        ldifLine("dn", dn),
        "changetype: modify",
        ...Object.entries(replace).flatMap(([name, value], i) => [
          ...(i > 0 ? ["-"] : []),
          `replace: ${name}`,
          ldifLine(name, value),
        ]),
        "",
      ].join("\n"),
    )
    .join("\n");
}

function ldifLine(name: string, value: string): string {
  // Non-ASCII or special leading characters go base64, as LDIF requires.
  return /^[\x20-\x7e]*$/.test(value) && !/^[ :<]/.test(value)
    ? `${name}: ${value}`
    : `${name}:: ${Buffer.from(value, "utf8").toString("base64")}`;
}

const escapeRdn = (value: string) => value.replace(/([,+"\\<>;=])/g, "\\$1").replace(/^([ #])/, "\\$1");
