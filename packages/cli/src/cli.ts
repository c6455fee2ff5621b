// Every command of `itaku`, declared in one place; each command's code is imported only when it runs.
import { type ParseArgsConfig, parseArgs } from "node:util";
import { InputError, SourceUnavailableError } from "@itaku/core";
import { version } from "../package.json";

export interface CommandEnv {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** The wall clock; commands take `--now` instead when given. */
  clock: () => Date;
}

type Options = NonNullable<ParseArgsConfig["options"]>;
export type ParsedArgs = {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
};

interface CommandSpec {
  summary: string;
  usage: string;
  options: Options;
  positionals?: boolean;
  load: () => Promise<{ run(args: ParsedArgs, env: CommandEnv): Promise<number> }>;
}

const outputOptions: Options = {
  config: { type: "string" },
  roster: { type: "string" },
  now: { type: "string" },
  format: { type: "string" },
  report: { type: "string", multiple: true },
  "fail-on": { type: "string" },
  "fail-on-unknown": { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
};

const OUTPUT_USAGE = `  --config F             itaku.yaml (default: ./itaku.yaml when present)
  --roster F             roster (従事者台帳) CSV or YAML; overrides the config's
  --now ISO              evaluate as of this instant (default: now)
  --format FORMAT        table | json | sarif | junit | markdown | html (default: table)
  --report FORMAT=PATH   also write FORMAT to PATH; may repeat
  --fail-on SEVERITY     critical | high | medium | low | none (default: low)
  --fail-on-unknown      unknown findings count as failures too
  -q, --quiet            no progress on stderr`;

export const commands: Record<string, CommandSpec> = {
  scan: {
    summary: "collect from live systems (or the demo, snapshots, Pulumi files) and evaluate every rule",
    usage: `itaku scan [--demo] [--aws] [--ad] [--snapshot F]… [--pulumi-state F] [--pulumi-preview F] [options]
  --demo                 scan the bundled demo vendor (as of 2026-11-20 unless --now)
  --aws                  collect from AWS (config \`aws:\`; standard credential chain or assumed role)
  --ad                   collect from Active Directory over LDAPS (config \`ad:\`; password from env)
  --snapshot F           evaluate a saved snapshot too; may repeat
  --pulumi-state F       a \`pulumi stack export\` file
  --pulumi-preview F     a \`pulumi preview --json\` file
${OUTPUT_USAGE}`,
    options: {
      ...outputOptions,
      demo: { type: "boolean" },
      aws: { type: "boolean" },
      ad: { type: "boolean" },
      snapshot: { type: "string", multiple: true },
      "pulumi-state": { type: "string" },
      "pulumi-preview": { type: "string" },
    },
    load: () => import("./commands/scan"),
  },
  collect: {
    summary: "collect from live systems into a snapshot file, to evaluate elsewhere",
    usage: `itaku collect [--config F] [--aws] [--ad] --output snapshot.json [-q]`,
    options: {
      config: { type: "string" },
      aws: { type: "boolean" },
      ad: { type: "boolean" },
      output: { type: "string", short: "o" },
      quiet: { type: "boolean", short: "q" },
    },
    load: () => import("./commands/collect"),
  },
  evaluate: {
    summary: "evaluate saved snapshots (for example one a vendor sent) without touching any system",
    usage: `itaku evaluate snapshot.json… [options]\n${OUTPUT_USAGE}`,
    options: outputOptions,
    positionals: true,
    load: () => import("./commands/evaluate"),
  },
  report: {
    summary: "write the monthly control-status report for the client (ja/en; html, markdown or pdf)",
    usage: `itaku report monthly (--result current.json [--previous last.json] | --demo) [options]
  --result F             this month's Result (scan/evaluate --format json)
  --previous F           last month's Result, for the changes since then
  --audit F              the access-log audit's Result for the month
  --demo                 the bundled demo vendor, this month against last month (demo/history)
  --config F             itaku.yaml: the report: header (client, vendor, contract, lang) and the roster
  --roster F             roster (従事者台帳) for joiners and leavers; overrides the config's
  --lang ja|en           language (default: the config's report.lang, else ja)
  --format FORMAT        html | markdown | pdf (default: html; pdf prints the HTML with Chromium)
  -o, --output F         write to F (default: stdout; pdf needs it)
  --now ISO              the report's generation time (default: now)`,
    options: {
      result: { type: "string" },
      previous: { type: "string" },
      audit: { type: "string" },
      demo: { type: "boolean" },
      config: { type: "string" },
      roster: { type: "string" },
      lang: { type: "string" },
      format: { type: "string" },
      output: { type: "string", short: "o" },
      now: { type: "string" },
    },
    positionals: true,
    load: () => import("./commands/report"),
  },
  rules: {
    summary: "list every rule with its metadata",
    usage: "itaku rules [--format table|json]",
    options: { format: { type: "string" } },
    load: () => import("./commands/rules"),
  },
  controls: {
    summary: "list every control of both contract documents and the rules that check it",
    usage: `itaku controls [--coverage] [--format table|json]
  --coverage             count the clauses a rule backs: the technical ones (NIC 1-4, IPA 2.1 ◇5, 3.1, 3.2, 4.1) and all`,
    options: { format: { type: "string" }, coverage: { type: "boolean" } },
    load: () => import("./commands/controls"),
  },
  "iam-policy": {
    summary: "print the minimal read-only IAM policy the scanner's role needs",
    usage: `itaku iam-policy [--athena-output s3://BUCKET/PREFIX/]
  --athena-output S3     add what an Athena audit needs: start/stop its queries, Glue's table, and
                         s3:PutObject on this result location only (Athena writes results there)`,
    options: { "athena-output": { type: "string" } },
    load: () => import("./commands/iam-policy"),
  },
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return `itaku ${version} — checks a vendor's systems against its confidentiality contract, clause by clause

Usage: itaku <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`)
  .join("\n")}

Run \`itaku <command> --help\` for a command's options.
Exit codes: 0 nothing fails at or above --fail-on, 1 something does, 2 bad usage or input,
3 a source could not be scanned at all.
`;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(argv: readonly string[], env: CommandEnv): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    env.stdout.write(help());
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-v") {
    env.stdout.write(`${version}\n`);
    return 0;
  }
  const spec = commands[name];
  if (!spec) {
    env.stderr.write(`itaku: unknown command "${name}"; run \`itaku --help\`\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    env.stdout.write(`${spec.usage}\n`);
    return 0;
  }
  let args: ParsedArgs;
  try {
    args = parseArgs({
      args: [...rest],
      options: spec.options,
      allowPositionals: spec.positionals ?? false,
      strict: true,
    });
  } catch (error) {
    env.stderr.write(
      `itaku ${name}: ${(error as Error).message.split("\n")[0]}\nUsage: ${spec.usage.split("\n")[0]}\n`,
    );
    return 2;
  }
  try {
    const command = await spec.load();
    return await command.run(args, env);
  } catch (error) {
    if (error instanceof InputError) {
      env.stderr.write(`itaku: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      env.stderr.write(`itaku ${name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof SourceUnavailableError) {
      env.stderr.write(`itaku: cannot scan ${error.message}\n`);
      return 3;
    }
    env.stderr.write(`itaku: internal error: ${(error as Error).message}\n`);
    if (env.env.ITAKU_DEBUG) env.stderr.write(`${(error as Error).stack}\n`);
    else env.stderr.write("(set ITAKU_DEBUG=1 for details, and please report it)\n");
    return 4;
  }
}

/** Bad flag combinations or values: exit 2. */
export class UsageError extends Error {}
