// itaku report monthly: this month's Result (and last month's, and the audit's) in, the monthly
// control-status report for the client out, as HTML, Markdown or PDF (the HTML printed by Chromium).
import { join, resolve } from "node:path";
import { controls as catalog } from "@itaku/controls";
import { type ItakuConfig, mergeSnapshots, parseResult, type Result } from "@itaku/core";
import {
  BrowserUnavailableError,
  MONTHLY_FORMATS,
  type MonthlyFormat,
  printPdf,
  type ReportLanguage,
  renderMonthly,
} from "@itaku/reports";
import { type CommandEnv, type ParsedArgs, UsageError } from "../command";
import { DEMO_NOW, demoDirectory, demoSnapshotFiles } from "../demo";
import { readSnapshot, readTextFile, writeFileAtomically } from "../io";
import { evaluateSnapshot, loadConfig, loadRoster, resolveNow } from "../pipeline";
import { allChecks } from "../registry";

/** The demo's previous month: written by scripts/demo-history.mjs, evaluated as of this instant. */
export const DEMO_PREVIOUS_NOW = new Date("2026-10-20T00:00:00Z");

export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const [kind, ...extra] = args.positionals;
  if (kind !== "monthly" || extra.length > 0) {
    throw new UsageError(
      kind
        ? `unknown report "${[kind, ...extra].join(" ")}"; the only one is monthly`
        : "which report? itaku report monthly …",
    );
  }
  const v = args.values;
  const demo = Boolean(v.demo);
  const format = (v.format as string | undefined) ?? "html";
  if (!(MONTHLY_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format "${format}" is not one of ${MONTHLY_FORMATS.join(", ")}`);
  }
  const output = v.output as string | undefined;
  if (format === "pdf" && !output)
    throw new UsageError("--format pdf needs -o FILE (a PDF is not written to a terminal)");
  if (!demo && !v.result)
    throw new UsageError(
      "give --result current.json (a Result of scan or evaluate with --format json), or --demo",
    );
  if (demo && (v.result || v.previous))
    throw new UsageError("--demo brings its own results; drop --result and --previous");

  const configPath =
    (v.config as string | undefined) ?? (demo ? join(demoDirectory(), "itaku.yaml") : undefined);
  const config = loadConfig(configPath, env);
  const roster = loadRoster(config, v.roster as string | undefined, env);
  const { current, previous } = demo ? demoResults(config, env) : readResults(v, env);
  const audit = v.audit ? readResult(v.audit as string, env) : undefined;
  const lang = (v.lang as string | undefined) ?? config.report?.lang ?? "ja";
  if (lang !== "ja" && lang !== "en") throw new UsageError(`--lang "${lang}" is not one of ja, en`);
  const generatedAt = resolveNow(v.now as string | undefined, demo ? DEMO_NOW : env.clock());

  const input = {
    current,
    previous,
    audit,
    roster,
    header: config.report,
    controls: catalog,
    rules: allChecks,
    generatedAt,
  };
  const language = lang as ReportLanguage;
  const kindOf = format as MonthlyFormat;
  if (kindOf === "pdf") {
    let pdf: Uint8Array;
    try {
      pdf = await printPdf(renderMonthly(input, language, "html"), env.env);
    } catch (error) {
      if (error instanceof BrowserUnavailableError) throw new UsageError(error.message);
      throw error;
    }
    writeFileAtomically(resolve(env.cwd, output!), [pdf]);
    return 0;
  }
  const text = renderMonthly(input, language, kindOf);
  if (output) writeFileAtomically(resolve(env.cwd, output), text);
  else env.stdout.write(text);
  return 0;
}

function readResult(file: string, env: CommandEnv): Result {
  const path = resolve(env.cwd, file);
  return parseResult(readTextFile(path, "result"), path);
}

function readResults(v: ParsedArgs["values"], env: CommandEnv): { current: Result; previous?: Result } {
  const current = readResult(v.result as string, env);
  const previous = v.previous ? readResult(v.previous as string, env) : undefined;
  if (previous && previous.now >= current.now) {
    throw new UsageError(
      `--previous was evaluated at ${previous.now}, not before --result (${current.now}); swapped?`,
    );
  }
  return { current, previous };
}

/** This month's demo as `scan --demo` sees it, and last month's from demo/history/2026-10. */
function demoResults(config: ItakuConfig, env: CommandEnv): { current: Result; previous: Result } {
  const readAll = (files: string[]) => mergeSnapshots(files.map((file) => readSnapshot(file)));
  const current = evaluateSnapshot(
    readAll(demoSnapshotFiles()),
    config,
    loadRoster(config, undefined, env),
    DEMO_NOW,
  );
  const history = join(demoDirectory(), "history", "2026-10");
  const previousConfig = loadConfig(join(history, "itaku.yaml"), env);
  const previous = evaluateSnapshot(
    readAll(demoSnapshotFiles(history)),
    previousConfig,
    loadRoster(previousConfig, undefined, env),
    DEMO_PREVIOUS_NOW,
  );
  return { current, previous };
}
