// itaku audit: reads CloudTrail (a local copy, the S3 archive, or the demo's month) over the period and
// its look-back, folds every event into the detections and the access review, reports, exits by severity.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { EventSource } from "@itaku/audit";
import { controls as catalog } from "@itaku/controls";
import {
  type AuditFoldInit,
  InputError,
  type ItakuConfig,
  type Result,
  SourceUnavailableError,
} from "@itaku/core";
import { version } from "../../package.json";
import { type CommandEnv, type ParsedArgs, UsageError } from "../command";
import { DEMO_NOW, demoDirectory, demoSnapshotFiles } from "../demo";
import { identityCenterUsers } from "../identity-center-users";
import { emitReports, loadRoster, planOutput, resolveNow } from "../pipeline";
import { createProgress, type Progress } from "../progress";
import { allDetections } from "../registry";
import { accountsFlag, configWithAwsFlags, listFlag, periodFlags } from "./audit-flags";

/** The demo's month of CloudTrail (a local copy in CloudTrail's layout). */
export const demoCloudTrailDirectory = (): string => join(demoDirectory(), "cloudtrail");

/** The bundled sink module workers load by path (scripts/build-cli.mjs emits it beside the CLI). */
function sinkModulePath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, "audit-detections-sink.mjs");
  if (existsSync(bundled)) return bundled;
  // Running from source (tests): the TypeScript module itself.
  return resolve(here, "../../../audit/src/detections-sink.ts");
}

export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const v = args.values;
  const demo = Boolean(v.demo);
  const dirs = (v["cloudtrail-dir"] as string[] | undefined) ?? [];
  const urls = (v["cloudtrail-s3"] as string[] | undefined) ?? [];
  const lookupEvents = Boolean(v["lookup-events"]);
  const athena = athenaFlags(v);
  if (!demo && dirs.length === 0 && urls.length === 0 && !lookupEvents && !athena)
    throw new UsageError(
      "nothing to audit: give --cloudtrail-dir DIR, --cloudtrail-s3 s3://BUCKET[/PREFIX], --lookup-events, --athena-table DB.TABLE or --demo",
    );
  const plan = planOutput(v, env);
  const now = resolveNow(v.now as string | undefined, demo ? DEMO_NOW : env.clock());
  const configPath =
    (v.config as string | undefined) ?? (demo ? join(demoDirectory(), "itaku.yaml") : undefined);
  // The config's `aws:` with --profile, --region, --role-arn… over it, for S3, LookupEvents and Athena.
  const { config, flags } = configWithAwsFlags(configPath, v, env);
  const roster = loadRoster(config, v.roster as string | undefined, env);
  const accounts = accountsFlag(v.accounts);
  const regions = listFlag(v.regions);
  const threads = v.threads === undefined ? undefined : Number(v.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64))
    throw new UsageError(`--threads "${v.threads}" is not a whole number from 1 to 64`);

  const { runAudit, auditRunResult } = await import("@itaku/audit/audit-entry");
  const period = await periodFlags(v, now, config.audit.timeZone);
  const init: AuditFoldInit = {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    audit: config.audit,
    subcontractors: config.settings.subcontractors,
    people: roster?.people ?? null,
    ownAccounts: accounts ?? [],
    detections: allDetections
      .filter((d) => !config.disabledRules.has(d.id))
      .map((d) => ({ id: d.id, options: config.ruleOptions.get(d.id) ?? d.options.parse({}) })),
  };
  // With Identity Center data (the demo's, or --snapshot), SSO sessions map to people through it.
  const snapshotFiles = [
    ...(demo ? demoSnapshotFiles() : []),
    ...((v.snapshot as string[] | undefined) ?? []).map((file) => resolve(env.cwd, file)),
  ];
  if (snapshotFiles.length > 0) init.ssoUsers = identityCenterUsers(snapshotFiles);
  const progress = createProgress(env.stderr, Boolean(v.quiet));
  if (flags.org) {
    if (demo || dirs.length > 0)
      throw new UsageError(
        "--org reads the organisation's CloudTrail from AWS: give --cloudtrail-s3, --athena-table or --lookup-events",
      );
    if (accounts)
      throw new UsageError(
        "--org takes its accounts from the organisation; narrow them with aws.organization.accounts or excludeAccounts in the config",
      );
  }
  const organization = flags.org
    ? await (await import("./audit-remote-sources")).openOrganizationForAudit(config, env, progress)
    : undefined;
  // The organisation's accounts are its own: calls between them are not from "external" accounts.
  if (organization) init.ownAccounts = organization.audit.members;
  progress.step(
    `auditing ${period.label}, with a ${config.audit.baselineDays}-day look-back, ${init.detections.length} detections`,
  );
  const sources = await openSources({ demo, dirs, urls }, config, env, organization?.base);
  if (lookupEvents || athena) {
    const remote = await import("./audit-remote-sources");
    sources.push(
      ...(
        await remote.openRemoteSources(
          {
            lookupEvents,
            athena,
            accounts,
            regions,
            now,
            audit: config.audit,
            progress,
            ...(organization ? { organization } : {}),
          },
          config,
          env,
        )
      ).map((source) => guardSource(source)),
    );
  }
  // The active accounts are the filter: events of excluded, suspended or foreign accounts are not read.
  const readAccounts = organization ? organization.audit.audited : accounts;
  // Ctrl-C stops the reading (an Athena query is cancelled); a second one ends the process.
  const interrupt = new AbortController();
  const onInterrupt = () => interrupt.abort(new Error("interrupted (Ctrl-C)"));
  if (athena) process.once("SIGINT", onInterrupt);
  const run = await runAudit({
    init,
    sources,
    sinkModule: sinkModulePath(),
    ...(readAccounts ? { accounts: readAccounts } : {}),
    ...(regions ? { regions } : {}),
    ...(threads ? { threads } : {}),
    // An organisation's accounts (LookupEvents, one source each) are read side by side.
    ...(organization ? { concurrency: config.aws?.organization?.concurrency ?? 8 } : {}),
    ...(v.checkpoint ? { checkpoint: resolve(env.cwd, v.checkpoint as string) } : {}),
    onProgress: progressReporter(progress),
    ...(athena ? { signal: interrupt.signal } : {}),
  }).finally(() => process.removeListener("SIGINT", onInterrupt));
  const enabled = new Set(init.detections.map((d) => d.id));
  const named = new Set(allDetections.filter((d) => enabled.has(d.id)).flatMap((d) => d.controls));
  // Waivers of snapshot rules are scan's business; here only those that can match a detection.
  const waivers = config.waivers.filter((w) => w.rule.includes("*") || enabled.has(w.rule));
  const result = auditRunResult(init, run, {
    now,
    waivers,
    attestations: config.attestations,
    controls: catalog.filter((c) => named.has(c.id)),
    toolVersion: version,
    ...(organization ? { organization: organization.audit.accounts } : {}),
  });
  const unread = organization && reportAccounts(result, organization.audit.organizationId, progress);
  progress.done();
  if (unread) throw new SourceUnavailableError("aws", unread);
  return emitReports(result, plan, env, allDetections);
}

/**
 * Each account's status on stderr. Returns why the run failed when no account could be read at all
 * (exit 3, as for any source that cannot be read); one account failing never stops the others.
 */
function reportAccounts(result: Result, organizationId: string, progress: Progress): string | undefined {
  const accounts = result.sources.filter((s) => s.provider === "aws");
  const counts = { ok: 0, partial: 0, failed: 0, skipped: 0 };
  for (const source of accounts) {
    const status = source.status ?? "ok";
    counts[status]++;
    if (status !== "ok")
      progress.step(
        `account ${source.scope}${source.account?.name ? ` (${source.account.name})` : ""}: ${status}${source.reason ? ` — ${source.reason}` : ""}`,
      );
  }
  progress.step(
    `organisation ${organizationId}: ${counts.ok} ok, ${counts.partial} partial, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
  return counts.ok + counts.partial === 0
    ? `no account of organisation ${organizationId} could be read (${counts.failed} failed, ${counts.skipped} skipped)`
    : undefined;
}

/** `--athena-table DB.TABLE` with its workgroup and output location, or undefined without the table. */
function athenaFlags(v: ParsedArgs["values"]) {
  const table = v["athena-table"] as string | undefined;
  const workgroup = v["athena-workgroup"] as string | undefined;
  const output = v["athena-output"] as string | undefined;
  if (!table) {
    if (workgroup || output)
      throw new UsageError("--athena-workgroup and --athena-output need --athena-table");
    return undefined;
  }
  if (output !== undefined && !/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(output))
    throw new UsageError(`--athena-output "${output}" is not s3://BUCKET/PREFIX/`);
  return { table, ...(workgroup ? { workgroup } : {}), ...(output ? { outputLocation: output } : {}) };
}

/** Files, events per second and a rough ETA on stderr, at most twice a second. */
function progressReporter(progress: Progress) {
  let last = 0;
  return (p: { filesDone: number; filesTotal: number; events: number; elapsedMs: number }) => {
    if (p.elapsedMs - last < 500 && p.filesDone < p.filesTotal) return;
    last = p.elapsedMs;
    const rate = p.elapsedMs > 0 ? Math.round((p.events * 1000) / p.elapsedMs) : 0;
    // An estimate only once a tenth of the files (or two seconds) have been read.
    const remaining =
      (p.filesDone * 10 >= p.filesTotal || p.elapsedMs >= 2000) &&
      p.filesDone > 0 &&
      p.filesTotal > p.filesDone
        ? `, about ${Math.ceil(((p.filesTotal - p.filesDone) * p.elapsedMs) / p.filesDone / 1000)} s left`
        : "";
    progress.step(
      `read ${p.filesDone}/${p.filesTotal} files, ${p.events} events (${rate} events/s${remaining})`,
    );
  };
}

async function openSources(
  wanted: { demo: boolean; dirs: string[]; urls: string[] },
  config: ItakuConfig,
  env: CommandEnv,
  credentials?: Awaited<ReturnType<typeof import("./audit-remote-sources").baseCredentials>>,
) {
  const audit = await import("@itaku/audit/audit-entry");
  const sources: EventSource[] = [];
  const local = [
    ...(wanted.demo ? [demoCloudTrailDirectory()] : []),
    ...wanted.dirs.map((d) => resolve(env.cwd, d)),
  ];
  for (const dir of local) {
    if (!existsSync(dir))
      throw new InputError(dir, undefined, "no such file or directory (--cloudtrail-dir)");
    sources.push(new audit.LocalSource(dir));
  }
  if (wanted.urls.length > 0) {
    const { awsClientsFor, homeRegion } = await import("./audit-remote-sources");
    const region = homeRegion(config, env);
    const clients = await awsClientsFor(config, env, region, credentials);
    for (const url of wanted.urls) {
      try {
        sources.push(new audit.S3Source(url, { clients, region }));
      } catch (error) {
        if (error instanceof audit.S3LocationError)
          throw new UsageError(`--cloudtrail-s3 ${(error as Error).message}`);
        throw error;
      }
    }
  }
  return sources.map((source) => guardSource(source, audit.LocalSourceError));
}

/** A source that cannot be read at all: a local path is bad input (2), refused credentials exit 3. */
function guardSource(source: EventSource, LocalSourceError?: new (...args: never[]) => Error): EventSource {
  return {
    kind: source.kind,
    location: source.location,
    async read(options) {
      try {
        return await source.read(options);
      } catch (error) {
        if (LocalSourceError && error instanceof LocalSourceError)
          throw new InputError(source.location, undefined, (error as Error).message);
        const name = (error as { name?: string }).name ?? "";
        if (
          /Credential|AccessDenied|InvalidAccessKeyId|SignatureDoesNotMatch|ExpiredToken|UnrecognizedClient|ArchiveUnreadable/.test(
            name,
          )
        )
          throw new SourceUnavailableError(source.location, (error as Error).message);
        throw error;
      }
    },
  };
}
