// Embedded DuckDB over a local copy of CloudTrail logs: the files become a view `cloudtrail_logs`
// with the Athena table's columns (lower-case names, `useridentity` a struct, `eventtime` text, the
// JSON-valued fields as JSON text, and the `account`/`region`/`timestamp` partitions from the S3
// layout in the path), so a query written locally runs org-wide on Athena unchanged. The view is
// built from the very column text `athena-ddl` prints (parsed below), so the two cannot drift.
// A few Trino functions Athena queries use are defined as DuckDB macros (TRINO_SHIMS).
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { InputError } from "@itaku/core";
import { CLOUDTRAIL_COLUMNS, CLOUDTRAIL_TABLE } from "./athena-ddl";
import type { QueryEngine } from "./pushdown";
import { athenaParameter } from "./sources/athena";

interface HiveField {
  name: string;
  type: HiveType;
}
type HiveType =
  | { kind: "scalar"; name: string }
  | { kind: "struct"; fields: HiveField[] }
  | { kind: "array"; of: HiveType }
  | { kind: "map"; key: HiveType; value: HiveType };

const SCALARS: Record<string, string> = {
  STRING: "VARCHAR",
  BOOLEAN: "BOOLEAN",
  INT: "INTEGER",
  BIGINT: "BIGINT",
  DOUBLE: "DOUBLE",
};

/** Parses a Hive column list (`name TYPE, …` with STRUCT<…>, ARRAY<…>, MAP<…,…>). */
export function parseHiveColumns(text: string): HiveField[] {
  const tokens = text.match(/[A-Za-z_][A-Za-z0-9_]*|[<>,:]/g) ?? [];
  let at = 0;
  const next = (): string => {
    const token = tokens[at++];
    if (token === undefined) throw new Error("Hive column list ends early");
    return token;
  };
  const expect = (wanted: string): void => {
    const token = next();
    if (token !== wanted) throw new Error(`Hive column list: expected "${wanted}", found "${token}"`);
  };
  const type = (): HiveType => {
    const word = next().toUpperCase();
    if (word === "STRUCT") {
      expect("<");
      const fields: HiveField[] = [];
      for (;;) {
        const name = next();
        expect(":");
        fields.push({ name, type: type() });
        const separator = next();
        if (separator === ">") return { kind: "struct", fields };
        if (separator !== ",") throw new Error(`Hive column list: unexpected "${separator}" in STRUCT`);
      }
    }
    if (word === "ARRAY") {
      expect("<");
      const of = type();
      expect(">");
      return { kind: "array", of };
    }
    if (word === "MAP") {
      expect("<");
      const key = type();
      expect(",");
      const value = type();
      expect(">");
      return { kind: "map", key, value };
    }
    if (!SCALARS[word]) throw new Error(`Hive column list: unknown type "${word}"`);
    return { kind: "scalar", name: word };
  };
  const columns: HiveField[] = [];
  while (at < tokens.length) {
    const name = next();
    columns.push({ name, type: type() });
    if (at < tokens.length) expect(",");
  }
  return columns;
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The DuckDB type of a Hive type; `lower` folds field names as Athena shows them. */
export function duckdbType(type: HiveType, lower = false): string {
  switch (type.kind) {
    case "scalar":
      return SCALARS[type.name] as string;
    case "array":
      return `${duckdbType(type.of, lower)}[]`;
    case "map":
      return `MAP(${duckdbType(type.key, lower)}, ${duckdbType(type.value, lower)})`;
    case "struct":
      return `STRUCT(${type.fields
        .map((f) => `${quote(lower ? f.name.toLowerCase() : f.name)} ${duckdbType(f.type, lower)}`)
        .join(", ")})`;
  }
}

const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * Trino (Athena) functions that DuckDB names differently, as macros, so common queries run on both.
 * Everything else DuckDB and Athena share (count, min, max, sum, lower, regexp_like, date_trunc…)
 * needs none.
 */
export const TRINO_SHIMS = [
  "CREATE OR REPLACE MACRO from_iso8601_timestamp(text) AS CAST(text AS TIMESTAMPTZ)",
  "CREATE OR REPLACE MACRO json_extract_scalar(json, path) AS json_extract_string(json, path)",
  "CREATE OR REPLACE MACRO approx_distinct(value) AS approx_count_distinct(value)",
  "CREATE OR REPLACE MACRO cardinality(list) AS len(list)",
  "CREATE OR REPLACE MACRO array_join(list, separator) AS array_to_string(list, separator)",
];

/** The largest single log file DuckDB will parse (CloudTrail files are a few MB at most). */
const MAX_FILE_BYTES = 1 << 30;

/** The view over `files` with the Athena table's columns and partition columns from the path. */
export function cloudTrailViewSql(files: readonly string[], columns = CLOUDTRAIL_COLUMNS): string {
  const fields = parseHiveColumns(columns);
  const readType = `STRUCT(${fields.map((f) => `${quote(f.name)} ${duckdbType(f.type)}`).join(", ")})[]`;
  const select = fields.map((f) => {
    const source = `r.${quote(f.name)}`;
    const target = quote(f.name.toLowerCase());
    return f.type.kind === "scalar"
      ? `${source} AS ${target}`
      : `CAST(${source} AS ${duckdbType(f.type, true)}) AS ${target}`;
  });
  const part = (pattern: string) => `NULLIF(regexp_extract(filename, ${sqlString(pattern)}, 1), '')`;
  select.push(
    `${part("/AWSLogs/(?:o-[a-z0-9]+/)?([0-9]{12})/CloudTrail/")} AS "account"`,
    `${part("/CloudTrail/([a-z0-9-]+)/[0-9]{4}/[0-9]{2}/[0-9]{2}/")} AS "region"`,
    `${part("/CloudTrail/[a-z0-9-]+/([0-9]{4}/[0-9]{2}/[0-9]{2})/")} AS "timestamp"`,
  );
  const list = files.length ? `[${files.map(sqlString).join(", ")}]` : "[]";
  return [
    `CREATE OR REPLACE VIEW ${CLOUDTRAIL_TABLE} AS SELECT`,
    `  ${select.join(",\n  ")}`,
    `FROM (SELECT unnest("Records") AS r, filename FROM read_json(${list}, columns = {'Records': ${sqlString(readType)}},`,
    `  format = 'auto', filename = true, maximum_object_size = ${MAX_FILE_BYTES}))`,
  ].join("\n");
}

/**
 * CloudTrail log files under `dir` (`.json.gz`, `.json`), digests excluded, sorted. A directory that
 * cannot be read is an InputError naming it; symlinked directories are not followed (no loops).
 */
export async function findLogFiles(dir: string): Promise<string[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new InputError(dir, undefined, "not a readable directory");
  const files: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "CloudTrail-Digest") await walk(path);
      } else if (
        entry.isFile() &&
        /\.json(\.gz)?$/.test(entry.name) &&
        !entry.name.includes("CloudTrail-Digest")
      ) {
        files.push(path);
      }
    }
  };
  await walk(dir);
  return files.sort();
}

export interface QueryResult {
  columns: string[];
  /** Rows as JSON-safe values (big integers as strings, structs as objects). */
  rows: Record<string, unknown>[];
}

/** An in-memory DuckDB with `cloudtrail_logs` over the given log files. */
export class CloudTrailDuckDb {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly files: readonly string[],
  ) {}

  /** `columns`: the Hive column list to expose (default: the one `athena-ddl` prints). */
  static async open(
    files: readonly string[],
    options: { threads?: number; columns?: string } = {},
  ): Promise<CloudTrailDuckDb> {
    const instance = await DuckDBInstance.create(":memory:", {
      ...(options.threads ? { threads: String(options.threads) } : {}),
      // Ad-hoc queries over someone's logs never need the network or extensions from it.
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
    const connection = await instance.connect();
    for (const shim of TRINO_SHIMS) await connection.run(shim);
    await connection.run(cloudTrailViewSql(files, options.columns));
    return new CloudTrailDuckDb(instance, connection, files);
  }

  /** Runs one statement; values are bound to `?` placeholders, never spliced into the text. */
  async query(sql: string, values: (string | number)[] = []): Promise<QueryResult> {
    const reader = values.length
      ? await this.connection.runAndReadAll(sql, values)
      : await this.connection.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() as Record<string, unknown>[] };
  }

  /**
   * The pushed-down audit's queries run here instead of on Athena: the same text, the same values
   * (validated the same way) bound to the same `?` markers; cells as text, as Athena returns them.
   */
  queryEngine(): QueryEngine {
    return async (query) => {
      for (const parameter of query.parameters) athenaParameter(parameter);
      const result = await this.query(
        query.sql,
        query.parameters.map((p) => p.value),
      );
      return {
        columns: result.columns,
        rows: result.rows.map((row) =>
          result.columns.map((column) => {
            const value = row[column];
            return value === null || value === undefined
              ? null
              : typeof value === "string"
                ? value
                : JSON.stringify(value);
          }),
        ),
      };
    };
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
