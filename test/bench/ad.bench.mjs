// Active Directory collection against a real Samba AD DC of 20,000 users and 1,000 groups (seeded once
// into .cache/samba-bench/ and reused): collectAd's time next to ldapsearch fetching the same entries
// and attributes with the same page size from the same server, as a ratio, and the collector's memory
// at a quarter of the directory and at the whole of it.
// Run: `pnpm bench ad` (as root: Samba binds to a loopback address). `--reseed` rebuilds the domain.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "../..");
const cache = join(root, ".cache/samba-bench");
const domainDir = join(cache, "domain");
const out = join(root, ".cache/bench");
const USERS = 20_000;
const GROUPS = 1_000;
const PARTS = 4; // users and groups spread over 4 OUs, so a quarter of the directory can be scanned alone
const BIG_GROUP_MEMBERS = 5_000;
const PAGE_SIZE = 1000;
const RUNS = Number(process.env.ITAKU_BENCH_RUNS ?? 3);
const SEED_VERSION = 1;

mkdirSync(out, { recursive: true });

/** The harness and the collector are TypeScript: bundle them for this plain-Node script. */
async function bundle(entry, name) {
  const outfile = join(out, name);
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "error",
    define: { __dirname: JSON.stringify(join(root, "test/harness")) },
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return outfile;
}

const harness = await import(await bundle("test/harness/samba.ts", "samba-harness.mjs"));
const collectorBundle = await bundle("packages/collector-ad/src/index.ts", "collector-ad.mjs");
const { USER_ATTRIBUTES, USER_FILTER, GROUP_ATTRIBUTES, GROUP_FILTER } = await import(collectorBundle);

// ---- the domain, seeded once ----------------------------------------------------------------------

const seedFile = join(cache, "itaku-seed.json");
const reseed = process.argv.includes("--reseed");
const seededAlready =
  !reseed && existsSync(seedFile) && JSON.parse(readFileSync(seedFile, "utf8")).version === SEED_VERSION;
if (!seededAlready) rmSync(domainDir, { recursive: true, force: true });
mkdirSync(cache, { recursive: true });

const provisionStarted = performance.now();
const dc = await harness.startSambaDc({
  dir: domainDir,
  realm: "bench.itaku-test.example",
  netbiosDomain: "BENCH",
  certificate: "openssl", // ldapsearch checks the certificate against the URL's address
});
const partDn = (part) => `OU=part-${part},OU=itaku-bench,${dc.baseDN}`;
try {
  if (!seededAlready) {
    console.log(
      `provisioned in ${seconds(performance.now() - provisionStarted)}; seeding ${USERS} users and ${GROUPS} groups…`,
    );
    const started = performance.now();
    await seed(dc);
    writeFileSync(
      seedFile,
      `${JSON.stringify({ version: SEED_VERSION, users: USERS, groups: GROUPS, seededIn: seconds(performance.now() - started) })}\n`,
    );
    console.log(`seeded in ${seconds(performance.now() - started)} (cached in ${domainDir})`);
  } else {
    console.log(`reusing the seeded domain in ${domainDir}`);
  }
  await measureAll(dc);
} finally {
  await dc.stop();
}

async function seed(dc) {
  const client = await dc.admin();
  try {
    const benchOu = await harness.addOrganizationalUnit(client, dc.baseDN, "itaku-bench");
    const usersOf = [];
    for (let part = 0; part < PARTS; part++) {
      const ou = await harness.addOrganizationalUnit(client, benchOu, `part-${part}`);
      const names = Array.from({ length: USERS / PARTS }, (_, i) => `u${part}-${String(i).padStart(5, "0")}`);
      const dns = await harness.inParallel(names, 16, (cn) =>
        harness.addUser(client, dc.baseDN, {
          cn,
          parent: ou,
          displayName: `利用者 ${cn}`,
          description: "bench user",
        }),
      );
      usersOf.push(dns);
      const groups = await harness.inParallel(
        Array.from({ length: GROUPS / PARTS }, (_, i) => `g${part}-${String(i).padStart(4, "0")}`),
        16,
        (cn) => harness.addGroup(client, dc.baseDN, cn, ou),
      );
      // 40 members each, overlapping; every 10th group nested into the one before it.
      await harness.inParallel(groups, 16, async (groupDn) => {
        const i = groups.indexOf(groupDn);
        const members = Array.from({ length: 40 }, (_, k) => dns[(i * 20 + k) % dns.length]);
        if (i % 10 === 9) members.push(groups[i - 1]);
        await harness.addMembers(client, groupDn, members);
      });
      if (part === 0)
        await harness.addMembers(
          client,
          groups[0],
          dns.slice(0, BIG_GROUP_MEMBERS).filter((_, k) => k >= 40),
        );
      console.log(`  part ${part + 1}/${PARTS}: ${dns.length} users, ${groups.length} groups`);
    }
    // Logon times, as a DC writes them, for every fourth user.
    const now = Date.now();
    const changes = usersOf
      .flat()
      .filter((_, i) => i % 4 === 0)
      .map((dn, i) => ({
        dn,
        replace: { lastLogonTimestamp: harness.toFileTime(new Date(now - (i % 200) * 86_400_000)) },
      }));
    await dc.ldbModify(harness.replaceLdif(changes));
  } finally {
    await client.unbind();
  }
}

// ---- measuring ------------------------------------------------------------------------------------

async function measureAll(dc) {
  const whole = { label: "whole domain", baseDN: dc.baseDN };
  const quarter = { label: "one quarter (OU part-0)", baseDN: partDn(0) };
  // Warm the server's caches once, so neither client pays for the first read of the database.
  await runLdapsearch(dc, whole.baseDN);
  const rows = [];
  for (const scope of [quarter, whole]) {
    const ldap = [];
    const collector = [];
    for (let i = 0; i < RUNS; i++) {
      ldap.push(await runLdapsearch(dc, scope.baseDN));
      collector.push(await runCollector(dc, scope.baseDN));
    }
    const ldapMs = median(ldap.map((r) => r.ms));
    const best = collector.sort((a, b) => a.ms - b.ms)[Math.floor(collector.length / 2)];
    rows.push({ scope: scope.label, ldapMs, ldapEntries: ldap[0].entries, ...best });
  }
  console.log("");
  console.log(
    `Samba ${sambaVersion()} on ${dc.address}, LDAPS, page size ${PAGE_SIZE}, median of ${RUNS} runs`,
  );
  console.log(
    table([
      [
        "scope",
        "users",
        "groups",
        "entries",
        "ldapsearch",
        "collectAd",
        "ratio",
        "peak RSS",
        "peak heap",
        "heap kept",
        "transient heap",
      ],
      ...rows.map((r) => [
        r.scope,
        String(r.users),
        String(r.groups),
        String(r.ldapEntries),
        seconds(r.ldapMs),
        seconds(r.ms),
        (r.ms / r.ldapMs).toFixed(2),
        mib(r.peakRss),
        mib(r.peakHeap),
        mib(r.keptHeap),
        mib(r.peakHeap - r.keptHeap),
      ]),
    ]),
  );
  console.log(
    "\nheap kept: the finished snapshot, after a full GC; transient heap: peak minus that (what streaming adds on top of its output).",
  );
}

/** ldapsearch with the collector's filters, attributes and page size; output discarded. */
async function runLdapsearch(dc, baseDN) {
  const started = performance.now();
  let entries = 0;
  for (const [filter, attributes] of [
    [USER_FILTER, USER_ATTRIBUTES],
    [GROUP_FILTER, [...GROUP_ATTRIBUTES, "member;range=0-1499"]],
  ]) {
    const result = await capture(
      "ldapsearch",
      [
        "-LLL",
        "-H",
        dc.ldapsUrl,
        "-x",
        "-D",
        dc.adminDN,
        "-y",
        passwordFile(dc),
        "-b",
        baseDN,
        "-E",
        `pr=${PAGE_SIZE}/noprompt`,
        filter,
        ...attributes,
      ],
      { LDAPTLS_CACERT: dc.caFile },
    );
    entries += result.match(/^dn:/gm)?.length ?? 0;
  }
  return { ms: performance.now() - started, entries };
}

function passwordFile(dc) {
  const file = join(out, "bench-admin.pw");
  if (!existsSync(file)) writeFileSync(file, dc.adminPassword, { mode: 0o600 });
  return file;
}

/** collectAd in a process of its own, so its memory figures are its own. */
async function runCollector(dc, baseDN) {
  const script = join(out, "run-collector.mjs");
  writeFileSync(
    script,
    `import { collectAd } from ${JSON.stringify(collectorBundle)};
const config = JSON.parse(process.argv[2]);
let peakRss = 0, peakHeap = 0;
const sample = () => { const m = process.memoryUsage(); peakRss = Math.max(peakRss, m.rss); peakHeap = Math.max(peakHeap, m.heapUsed); };
const timer = setInterval(sample, 2);
globalThis.gc();
const started = performance.now();
const snapshot = await collectAd(config, { env: { ITAKU_BENCH_PASSWORD: process.env.ITAKU_BENCH_PASSWORD }, progress: sample });
const ms = performance.now() - started;
sample();
clearInterval(timer);
globalThis.gc();
const keptHeap = process.memoryUsage().heapUsed;
const users = snapshot.resources.filter((r) => r.type === "ad.user").length;
const groups = snapshot.resources.filter((r) => r.type === "ad.group").length;
if (snapshot.sources[0].gaps.length) console.error(JSON.stringify(snapshot.sources[0].gaps));
console.log(JSON.stringify({ ms, users, groups, peakRss: Math.max(peakRss, process.resourceUsage().maxRSS * 1024), peakHeap, keptHeap }));
`,
  );
  const config = {
    url: dc.ldapsUrl,
    baseDN,
    bindDN: dc.adminDN,
    passwordEnv: "ITAKU_BENCH_PASSWORD",
    caFile: dc.caFile,
    startTls: false,
    allowPlainLdap: false,
    pageSize: PAGE_SIZE,
    timeoutSeconds: 120,
  };
  const output = await capture(process.execPath, ["--expose-gc", script, JSON.stringify(config)], {
    ITAKU_BENCH_PASSWORD: dc.adminPassword,
  });
  return JSON.parse(output.trim().split("\n").pop());
}

function capture(command, args, env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolvePromise(stdout)
        : reject(new Error(`${command} exited ${code}: ${stderr.slice(-2000)}`)),
    );
  });
}

function sambaVersion() {
  return spawnSync("samba", ["--version"], { encoding: "utf8" })
    .stdout.trim()
    .replace(/^Version /, "");
}

function median(xs) {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}
function seconds(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}
function mib(bytes) {
  return `${(bytes / 1048576).toFixed(0)} MiB`;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ")).join("\n");
}
