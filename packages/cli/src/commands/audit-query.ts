// `itaku audit query`: ad-hoc SQL over a local copy of CloudTrail logs on embedded DuckDB. The files
// are the table `cloudtrail_logs` with the Athena table's columns, so the same query runs org-wide on
// Athena. Results as a table, JSON or CSV on stdout.
import { resolve } from "node:path";
import { InputError } from "@itaku/core";
import type { CommandEnv, ParsedArgs } from "../command";
import { textTable } from "../text-table";

export interface AuditQueryArgs {
  dirs: string[];
  format: "table" | "json" | "csv";
  sql: string;
}

const cellText = (value: unknown): string =>
  value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);

export async function runAuditQuery(args: AuditQueryArgs, env: CommandEnv): Promise<number> {
  if (args.dirs.length === 0)
    throw new InputError("--cloudtrail-dir", undefined, "name the directory with the logs");
  if (!args.sql.trim())
    throw new InputError("query", undefined, 'give the SQL, e.g. "SELECT count(*) FROM cloudtrail_logs"');
  const { CloudTrailDuckDb, findLogFiles } = await import("@itaku/audit");
  const files = (await Promise.all(args.dirs.map((dir) => findLogFiles(dir)))).flat();
  if (files.length === 0)
    throw new InputError(args.dirs.join(", "), undefined, "no CloudTrail log files (.json.gz, .json) in it");
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

/** `itaku audit query --cloudtrail-dir DIR [--format …] "SQL"` as commander parsed it. */
export function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const v = args.values;
  const dirs = ((v["cloudtrail-dir"] as string[] | undefined) ?? []).map((dir) => resolve(env.cwd, dir));
  const format = (v.format as AuditQueryArgs["format"] | undefined) ?? "table";
  return runAuditQuery({ dirs, format, sql: args.positionals.join(" ") }, env);
}
