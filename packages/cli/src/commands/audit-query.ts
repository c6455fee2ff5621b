// `itaku audit query`: ad-hoc SQL over CloudTrail logs on embedded DuckDB — a local copy, or the
// period's files of the S3 archive copied to a temporary directory first (DuckDB reads files; the
// copy is removed afterwards). The files are the table `cloudtrail_logs` with the Athena table's
// columns, so the same query runs org-wide on Athena. Results as a table, JSON or CSV on stdout.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { InputError, SourceUnavailableError } from "@itaku/core";
import { type CommandEnv, type ParsedArgs, UsageError } from "../command";
import { resolveNow } from "../pipeline";
import { createProgress } from "../progress";
import { textTable } from "../text-table";
import { accountsFlag, configWithAwsFlags, listFlag, periodFlags } from "./audit-flags";

export interface AuditQueryArgs {
  dirs: string[];
  format: "table" | "json" | "csv";
  sql: string;
}

const cellText = (value: unknown): string =>
  value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);

export async function runAuditQuery(
  args: AuditQueryArgs,
  env: CommandEnv,
  /** Log files fetched from S3 into a temporary copy, queried with the directories' files. */
  copied: string[] = [],
): Promise<number> {
  if (args.dirs.length === 0 && copied.length === 0)
    throw new InputError("--cloudtrail-dir", undefined, "name the directory with the logs");
  if (!args.sql.trim())
    throw new InputError("query", undefined, 'give the SQL, e.g. "SELECT count(*) FROM cloudtrail_logs"');
  const { CloudTrailDuckDb, findLogFiles } = await import("@itaku/audit");
  const files = [...(await Promise.all(args.dirs.map((dir) => findLogFiles(dir)))).flat(), ...copied];
  if (files.length === 0)
    throw new InputError(
      args.dirs.join(", ") || "--cloudtrail-s3",
      undefined,
      "no CloudTrail log files (.json.gz, .json) in it",
    );
  const db = await CloudTrailDuckDb.open(files);
  try {
    let result: Awaited<ReturnType<typeof db.query>>;
    try {
      result = await db.query(args.sql);
    } catch (error) {
      // DuckDB names the problem and its place in the query (or the file it could not read).
      throw new InputError("query", undefined, (error as Error).message.split("\n")[0] ?? "failed");
    }
    if (args.format === "json") env.stdout.write(`${JSON.stringify(result.rows, null, 2)}\n`);
    else if (args.format === "csv") {
      const { stringify } = await import("csv-stringify/sync");
      env.stdout.write(
        stringify(
          result.rows.map((row) => result.columns.map((c) => cellText(row[c]))),
          { header: true, columns: result.columns },
        ),
      );
    } else {
      env.stdout.write(
        textTable(
          result.columns,
          result.rows.map((row) => result.columns.map((c) => cellText(row[c]))),
        ),
      );
      env.stderr.write(`${result.rows.length} row(s) from ${files.length} log file(s)\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}

/** `itaku audit query (--cloudtrail-dir DIR | --cloudtrail-s3 URL [--org]) [--format …] "SQL"` as commander parsed it. */
export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const v = args.values;
  const dirs = ((v["cloudtrail-dir"] as string[] | undefined) ?? []).map((dir) => resolve(env.cwd, dir));
  const urls = (v["cloudtrail-s3"] as string[] | undefined) ?? [];
  const format = (v.format as AuditQueryArgs["format"] | undefined) ?? "table";
  const query = { dirs, format, sql: args.positionals.join(" ") };
  if (v.org) {
    if (urls.length === 0 || dirs.length > 0)
      throw new UsageError("--org reads the organisation trail's S3 archive: give --cloudtrail-s3 only");
    if (v.accounts !== undefined)
      throw new UsageError(
        "--org takes its accounts from the organisation; narrow them with aws.organization.accounts or excludeAccounts in the config",
      );
  }
  if (urls.length === 0) {
    for (const flag of ["month", "from", "to", "accounts", "regions"])
      if (v[flag] !== undefined) throw new UsageError(`--${flag} selects what to copy from --cloudtrail-s3`);
    return runAuditQuery(query, env);
  }
  if (!query.sql.trim())
    throw new InputError("query", undefined, 'give the SQL, e.g. "SELECT count(*) FROM cloudtrail_logs"');
  const { config, flags } = configWithAwsFlags(v.config as string | undefined, v, env);
  const period = await periodFlags(v, resolveNow(undefined, env.clock()), config.audit.timeZone);
  const progress = createProgress(env.stderr, Boolean(v.quiet));
  const regions = listFlag(v.regions);
  const { S3Source, S3LocationError, ArchiveUnreadableError, copyArchivePeriod } = await import(
    "@itaku/audit"
  );
  const { awsClientsFor, homeRegion } = await import("./audit-remote-sources");
  const region = homeRegion(config, env);
  const sources = urls.map((url) => {
    try {
      return { url, source: new S3Source(url, { clients: undefined as never, region }) };
    } catch (error) {
      if (error instanceof S3LocationError)
        throw new UsageError(`--cloudtrail-s3 ${(error as Error).message}`);
      throw error;
    }
  });
  // --org: the organisation's active accounts (suspended and excluded ones left out) are the filter
  // over the trail's AWSLogs/o-…/ACCOUNT/ prefixes, read with the base credentials, as `audit --org`.
  const organization = flags.org
    ? await (await import("./audit-remote-sources")).openOrganizationForAudit(config, env, progress)
    : undefined;
  const accounts = organization ? organization.audit.audited : accountsFlag(v.accounts);
  if (organization)
    progress.step(
      `querying ${accounts!.length} of the organisation's ${organization.audit.accounts.length} accounts`,
    );
  const clients = await awsClientsFor(config, env, region, organization?.base);
  // Only this process can read the copy: the logs are the client's.
  const dir = await mkdtemp(join(tmpdir(), "itaku-query-"));
  try {
    const copied: string[] = [];
    for (const [i, { url }] of sources.entries()) {
      const copy = await copyArchivePeriod(
        new S3Source(url, { clients, region }),
        {
          window: { from: period.from, to: period.to },
          ...(accounts ? { accounts } : {}),
          ...(regions ? { regions } : {}),
        },
        join(dir, String(i)),
      ).catch((error: unknown) => {
        // Not one file of the archive is known (no credentials, no such bucket): exit 3, as audit does.
        if (error instanceof ArchiveUnreadableError) throw new SourceUnavailableError(url, error.message);
        throw error;
      });
      copied.push(...copy.files);
      progress.step(
        `copied ${copy.files.length} log files (${copy.bytes} bytes) of ${url} delivered in ${period.label}`,
      );
      // The query sees less than the period: say what is missing, loudly.
      for (const gap of copy.gaps)
        env.stderr.write(
          `itaku: warning: ${url} ${gap.location}: ${gap.code}${gap.message ? ` (${gap.message})` : ""}\n`,
        );
    }
    progress.done();
    return await runAuditQuery(query, env, copied);
  } finally {
    clients.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
