// Every command of `itaku`, declared in one place; each command's code is imported only when it runs.
// Parsing, help, --version, did-you-mean and shell completion come from commander (+ @bomb.sh/tab).

import tab from "@bomb.sh/tab/commander";
import { InputError, SourceUnavailableError } from "@itaku/core";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { version } from "../package.json";
import { type CommandEnv, type ParsedArgs, UsageError } from "./command";
import { terminalLine, terminalLines } from "./terminal-text";

export interface OptionSpec {
  type: "string" | "boolean";
  /** May repeat; the command gets every value in order. */
  multiple?: boolean;
  short?: string;
  /** Placeholder shown in help, e.g. FILE. */
  value?: string;
  description?: string;
  /** Allowed values, accepted in any case; the command gets them lower-cased. */
  choices?: readonly string[];
  /** A comma-separated list whose items are each one of `choices`. */
  list?: boolean;
}

export interface CommandSpec {
  summary: string;
  options: Record<string, OptionSpec>;
  /** The operands it takes, as commander writes them: "<snapshot...>", "[id]". */
  positionals?: string;
  load: () => Promise<{ run(args: ParsedArgs, env: CommandEnv): Promise<number> }>;
}

const SEVERITY_LEVELS = ["critical", "high", "medium", "low", "info"] as const;
const FINDING_STATUSES = ["pass", "fail", "unknown", "waived", "not_applicable"] as const;

const displayOptions: Record<string, OptionSpec> = {
  severity: {
    type: "string",
    list: true,
    choices: SEVERITY_LEVELS,
    value: "LIST",
    description: "show only findings of these severities (display only)",
  },
  rules: { type: "string", value: "IDS", description: "show only findings of these rules (display only)" },
  "exclude-rules": {
    type: "string",
    value: "IDS",
    description: "hide findings of these rules (display only)",
  },
  controls: {
    type: "string",
    value: "IDS",
    description: "show only these controls and their findings (display only)",
  },
  status: {
    type: "string",
    list: true,
    choices: FINDING_STATUSES,
    value: "LIST",
    description: "show only findings with these statuses (display only)",
  },
};

const outputOptions: Record<string, OptionSpec> = {
  config: { type: "string", value: "FILE", description: "itaku.yaml (default: ./itaku.yaml when present)" },
  roster: {
    type: "string",
    value: "FILE",
    description: "roster (従事者台帳) CSV or YAML; overrides the config's",
  },
  now: { type: "string", value: "ISO", description: "evaluate as of this instant (default: now)" },
  format: {
    type: "string",
    choices: ["table", "json", "sarif", "junit", "markdown", "html", "csv"],
    description: "what stdout carries (default: table)",
  },
  report: {
    type: "string",
    multiple: true,
    value: "FORMAT=PATH",
    description: "also write FORMAT to PATH; may repeat",
  },
  "fail-on": {
    type: "string",
    choices: [...SEVERITY_LEVELS.filter((s) => s !== "info"), "none"],
    value: "SEVERITY",
    description: "exit 1 when a shown finding fails at or above this (default: low)",
  },
  "fail-on-unknown": {
    type: "boolean",
    description: "also exit 1 on anything unknown (any severity) or an unread account",
  },
  ...displayOptions,
  quiet: { type: "boolean", short: "q", description: "no progress on stderr" },
};

/** AWS credential and organisation flags of scan and collect (read by aws-flags.ts); they override `aws:`. */
const awsFlagOptions: Record<string, OptionSpec> = {
  profile: {
    type: "string",
    value: "NAME",
    description: "AWS profile (default: the standard chain: env, SSO cache, IMDS)",
  },
  region: {
    type: "string",
    multiple: true,
    value: "REGION",
    description: "region to read; may repeat or be a comma list, or all-enabled",
  },
  "role-arn": {
    type: "string",
    value: "ARN",
    description: "assume this role first (with --org: in the management account)",
  },
  "external-id": { type: "string", value: "ID", description: "external id for --role-arn" },
  "role-session-name": {
    type: "string",
    value: "NAME",
    description: "session name of the assumed roles (CloudTrail shows it)",
  },
  "mfa-serial": {
    type: "string",
    value: "ARN",
    description: "MFA device for --role-arn; the code is asked on the terminal (or read from ITAKU_MFA_CODE)",
  },
  org: {
    type: "boolean",
    description: "every account of the AWS Organization, each through its member role",
  },
  "org-role": {
    type: "string",
    value: "NAME",
    description: "the member role (default: config, else OrganizationAccountAccessRole)",
  },
  shard: {
    type: "string",
    value: "I/N",
    description: "with --org: only the I-th of N stable parts of the accounts",
  },
};

/** The same flags without some of them (the audit commands take the credential flags only). */
const awsFlagsWithout = (...names: string[]): Record<string, OptionSpec> =>
  Object.fromEntries(Object.entries(awsFlagOptions).filter(([name]) => !names.includes(name)));

const verifyOption: OptionSpec = {
  type: "string",
  value: "PUB.pem",
  description: "require every snapshot to be signed by this Ed25519 public key (exit 2 otherwise)",
};

export const commands: Record<string, CommandSpec> = {
  scan: {
    summary: "collect from live systems (or the demo, snapshots, Pulumi files) and evaluate every rule",
    options: {
      demo: { type: "boolean", description: "scan the bundled demo vendor (as of 2026-11-20 unless --now)" },
      aws: {
        type: "boolean",
        description: "collect from AWS (config `aws:`; standard credential chain or assumed role)",
      },
      ad: {
        type: "boolean",
        description: "collect from Active Directory over LDAPS (config `ad:`; password from env)",
      },
      snapshot: {
        type: "string",
        multiple: true,
        value: "FILE",
        description: "evaluate a saved snapshot too; may repeat",
      },
      verify: verifyOption,
      "pulumi-state": { type: "string", value: "FILE", description: "a `pulumi stack export` file" },
      "pulumi-preview": { type: "string", value: "FILE", description: "a `pulumi preview --json` file" },
      ...awsFlagOptions,
      ...outputOptions,
    },
    load: () => import("./commands/scan"),
  },
  collect: {
    summary: "collect from live systems into a snapshot file, to evaluate elsewhere",
    options: {
      config: outputOptions.config as OptionSpec,
      aws: { type: "boolean", description: "collect from AWS" },
      ad: { type: "boolean", description: "collect from Active Directory" },
      output: {
        type: "string",
        short: "o",
        value: "FILE",
        description: "the snapshot file to write (required; with --split a directory)",
      },
      split: {
        type: "boolean",
        description:
          "with --org: one snapshot per account (aws-ACCOUNT.snapshot.json) in the --output directory",
      },
      sign: {
        type: "string",
        value: "KEY.pem",
        description:
          "sign the snapshot with this Ed25519 private key (itaku keygen; encrypted: ITAKU_SIGNING_KEY_PASSPHRASE)",
      },
      ...awsFlagOptions,
      quiet: outputOptions.quiet as OptionSpec,
    },
    load: () => import("./commands/collect"),
  },
  evaluate: {
    summary: "evaluate saved snapshots (for example one a vendor sent) without touching any system",
    options: { verify: verifyOption, ...outputOptions },
    positionals: "<snapshot...>",
    load: () => import("./commands/evaluate"),
  },
  report: {
    summary: "write the monthly control-status report for the client (ja/en; html, markdown or pdf)",
    options: {
      result: {
        type: "string",
        value: "FILE",
        description: "this month's Result (scan/evaluate --format json)",
      },
      previous: {
        type: "string",
        value: "FILE",
        description: "last month's Result, for the changes since then",
      },
      audit: { type: "string", value: "FILE", description: "the access-log audit's Result for the month" },
      demo: { type: "boolean", description: "the bundled demo vendor, this month against last month" },
      config: {
        type: "string",
        value: "FILE",
        description: "itaku.yaml: the report: header (client, vendor, contract, lang) and the roster",
      },
      roster: {
        type: "string",
        value: "FILE",
        description: "roster for joiners and leavers; overrides the config's",
      },
      lang: {
        type: "string",
        choices: ["ja", "en"],
        description: "default: the config's report.lang, else ja",
      },
      format: {
        type: "string",
        choices: ["html", "markdown", "pdf"],
        description: "default: html; pdf prints the HTML with Chromium",
      },
      output: {
        type: "string",
        short: "o",
        value: "FILE",
        description: "write to FILE (default: stdout; pdf needs it)",
      },
      now: { type: "string", value: "ISO", description: "the report's generation time (default: now)" },
    },
    // `itaku report monthly`: the report's kind is an operand the command checks.
    positionals: "<monthly>",
    load: () => import("./commands/report"),
  },
  audit: {
    summary:
      "review every CloudTrail access of a period against the roster (local copy, S3 archive or --demo)",
    options: {
      demo: {
        type: "boolean",
        description: "audit the bundled demo vendor's October 2026 (as of 2026-11-20 unless --now)",
      },
      "cloudtrail-dir": {
        type: "string",
        multiple: true,
        value: "DIR",
        description:
          "a local copy: CloudTrail log files (.json.gz/.json) or lookup-events output; may repeat",
      },
      "cloudtrail-s3": {
        type: "string",
        multiple: true,
        value: "URL",
        description: "the trail's S3 archive, s3://BUCKET[/PREFIX] (credentials as for scan); may repeat",
      },
      "lookup-events": {
        type: "boolean",
        description:
          "CloudTrail's LookupEvents for the credentials' account: management events of the last 90 days only, 2 requests/s per region",
      },
      "athena-table": {
        type: "string",
        value: "DB.TABLE",
        description:
          "run the detections on Athena over this table (see `itaku audit athena-ddl`); billed per TB scanned",
      },
      "athena-workgroup": {
        type: "string",
        value: "WG",
        description: "the Athena workgroup (default: primary)",
      },
      "athena-output": {
        type: "string",
        value: "S3",
        description: "where Athena writes its results, s3://BUCKET/PREFIX/ (default: the workgroup's)",
      },
      month: {
        type: "string",
        value: "YYYY-MM",
        description: "audit this calendar month (in audit.timeZone)",
      },
      from: {
        type: "string",
        value: "DATE",
        description:
          "audit from a day in audit.timeZone or an instant (default: the last full calendar month, Asia/Tokyo unless set)",
      },
      to: { type: "string", value: "DATE", description: "audit up to a day (included) or an instant" },
      accounts: {
        type: "string",
        value: "IDS",
        description: 'only these AWS accounts, comma-separated (calls between them are not "external")',
      },
      regions: { type: "string", value: "LIST", description: "only these regions, comma-separated" },
      checkpoint: {
        type: "string",
        value: "FILE",
        description: "record what was read, so an interrupted run resumes",
      },
      threads: {
        type: "string",
        value: "N",
        description: "worker threads across files (default: every core)",
      },
      snapshot: {
        type: "string",
        multiple: true,
        value: "FILE",
        description:
          "a snapshot holding IAM Identity Center (itaku collect): SSO sessions map to people through its users; may repeat",
      },
      // --org: the organisation's active accounts scope the trail; LookupEvents is read in each.
      ...awsFlagsWithout("shard"),
      ...outputOptions,
    },
    load: () => import("./commands/audit"),
  },
  "audit athena-ddl": {
    summary: "print the CloudTrail table for Athena, with partition projection, ready to paste",
    options: {
      bucket: { type: "string", value: "BUCKET", description: "the bucket the trail delivers to" },
      prefix: { type: "string", value: "PREFIX", description: "the key prefix before AWSLogs/" },
      "org-id": {
        type: "string",
        value: "o-…",
        description: "an organisation trail's id (adds its o-… level)",
      },
      accounts: {
        type: "string",
        value: "IDS",
        description: "project these accounts, comma-separated (default: each query names its own)",
      },
      regions: { type: "string", value: "LIST", description: "project these regions, comma-separated" },
      table: { type: "string", value: "DB.TABLE", description: "default: default.cloudtrail_logs" },
      from: { type: "string", value: "YYYY/MM/DD", description: "the first day of the projection range" },
    },
    load: () => import("./commands/audit-athena-ddl"),
  },
  "audit query": {
    summary:
      "ad-hoc SQL (DuckDB) over CloudTrail logs (a local copy or the S3 archive), as the table cloudtrail_logs",
    options: {
      "cloudtrail-dir": {
        type: "string",
        multiple: true,
        value: "DIR",
        description: "a local copy of CloudTrail log files (.json.gz/.json); may repeat",
      },
      "cloudtrail-s3": {
        type: "string",
        multiple: true,
        value: "URL",
        description:
          "the trail's S3 archive, s3://BUCKET[/PREFIX]: the period's log files are copied to a temporary directory, then queried; may repeat",
      },
      month: {
        type: "string",
        value: "YYYY-MM",
        description: "with --cloudtrail-s3: this calendar month (in audit.timeZone)",
      },
      from: {
        type: "string",
        value: "DATE",
        description: "with --cloudtrail-s3: from a day or an instant (default: the last full month)",
      },
      to: { type: "string", value: "DATE", description: "with --cloudtrail-s3: up to a day (included)" },
      accounts: {
        type: "string",
        value: "IDS",
        description: "with --cloudtrail-s3: only these accounts, comma-separated",
      },
      regions: {
        type: "string",
        value: "LIST",
        description: "with --cloudtrail-s3: only these regions, comma-separated",
      },
      config: outputOptions.config as OptionSpec,
      ...awsFlagsWithout("org", "org-role", "shard"),
      org: {
        type: "boolean",
        description:
          "with --cloudtrail-s3: only the AWS Organization's active accounts (listed with the credentials; suspended and excluded left out)",
      },
      format: { type: "string", choices: ["table", "json", "csv"], description: "default: table" },
      quiet: outputOptions.quiet as OptionSpec,
    },
    positionals: "<sql>",
    load: () => import("./commands/audit-query"),
  },
  rules: {
    summary: "list every rule, or show one in full (text, options, remediation, controls)",
    options: { format: { type: "string", choices: ["table", "json"], description: "default: table" } },
    positionals: "[id]",
    load: () => import("./commands/rules"),
  },
  controls: {
    summary: "list every control of both contract documents, or show one in full with its rules",
    options: {
      format: { type: "string", choices: ["table", "json"], description: "default: table" },
      coverage: {
        type: "boolean",
        description:
          "count the clauses a rule backs: the technical ones (NIC 1-4, IPA 2.1 ◇5, 3.1, 3.2, 4.1) and all",
      },
    },
    positionals: "[id]",
    load: () => import("./commands/controls"),
  },
  "iam-policy": {
    summary: "print the minimal read-only IAM policy the scanner's role needs",
    options: {
      "athena-output": {
        type: "string",
        value: "S3",
        description:
          "add what an Athena audit needs: start/stop its queries, Glue's table, and s3:PutObject on this result location only (Athena writes results there)",
      },
      org: {
        type: "boolean",
        description:
          "the policy of the management account's identity for an organisation scan (Organizations reads and sts:AssumeRole), not of the member role",
      },
    },
    load: () => import("./commands/iam-policy"),
  },
  keygen: {
    summary:
      "make an Ed25519 key pair to sign snapshots (collect --sign) and verify them (evaluate --verify)",
    options: {
      output: {
        type: "string",
        short: "o",
        value: "FILE",
        description: "the private key file (default: itaku-signing.key); the public key goes to FILE.pub.pem",
      },
    },
    load: () => import("./commands/keygen"),
  },
  init: {
    summary: "write a commented starter itaku.yaml and a roster template (roster.csv) here",
    options: { force: { type: "boolean", description: "overwrite files that exist" } },
    load: () => import("./commands/init"),
  },
};

export const EXIT_CODES = `
Exit codes:
  0  nothing shown fails at or above --fail-on (default: low)
  1  something does (or is unknown, with --fail-on-unknown)
  2  bad usage or bad input: flags, config, roster, snapshot, a file that cannot be read or written
  3  a source could not be scanned at all (credentials, network, directory unreachable)
  4  internal error (a bug: please report it, with ITAKU_DEBUG=1 output)

Environment: NO_COLOR=1 (or --no-color) turns colour off; ITAKU_DEBUG=1 prints stack traces.
Shell completion: source <(itaku complete bash)   (also zsh, fish, powershell)
`;

function optionOf(name: string, spec: OptionSpec): Option {
  const placeholder = spec.value ?? name.toUpperCase();
  const flags = `${spec.short ? `-${spec.short}, ` : ""}--${name}${spec.type === "string" ? ` <${placeholder}>` : ""}`;
  const option = new Option(flags, spec.description ?? "");
  const choices = spec.choices;
  if (spec.type === "string") {
    option.argParser((raw: string, previous: unknown) => {
      let value = raw;
      if (choices) {
        const items = (spec.list ? raw.split(",") : [raw]).map((item) => item.trim().toLowerCase());
        const bad = items.filter((item) => !choices.includes(item));
        if (bad.length > 0) {
          throw new InvalidArgumentError(`"${bad.join(", ")}" is not one of ${choices.join(", ")}.`);
        }
        value = items.join(",");
      }
      return spec.multiple ? [...((previous as string[] | undefined) ?? []), value] : value;
    });
    // For help ("choices: …") and for completing values; parsing is the case-insensitive parser above.
    if (choices && !spec.list) option.argChoices = [...choices];
  }
  return option;
}

/** The commander program for one run; output goes to the run's streams, never process.exit. */
function buildProgram(env: CommandEnv, done: (code: number) => void): Command {
  const columns = (env.stdout as { columns?: number }).columns;
  const program = new Command("itaku")
    .description(
      `itaku ${version} — checks a vendor's systems against its confidentiality contract, clause by clause`,
    )
    .version(version, "-v, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .option("--no-color", "no ANSI colour (NO_COLOR=1 does the same)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => env.stdout.write(text),
      writeErr: (text) => env.stderr.write(terminalLines(text)),
      getOutHelpWidth: () => columns ?? 100,
      getErrHelpWidth: () => 100,
    })
    .addHelpText("after", EXIT_CODES)
    // Each command parses its own options: `audit query --format csv` is query's --format, not audit's.
    .enablePositionalOptions();

  for (const [name, spec] of Object.entries(commands)) {
    // "report monthly" is the subcommand monthly of report.
    const words = name.split(" ");
    let parent = program;
    for (const word of words.slice(0, -1)) {
      parent = parent.commands.find((c) => c.name() === word) ?? parent.command(word);
    }
    const command = parent
      .command(words.at(-1) as string)
      .summary(spec.summary)
      .description(spec.summary);
    command.addHelpText("after", EXIT_CODES);
    for (const [optionName, optionSpec] of Object.entries(spec.options)) {
      command.addOption(optionOf(optionName, optionSpec));
    }
    // --no-color after the command too (options are positional, see below), without repeating it in help.
    command.addOption(new Option("--no-color").hideHelp());
    if (spec.positionals) command.argument(spec.positionals);
    command.action(async (...actionArgs: unknown[]) => {
      const self = actionArgs.at(-1) as Command;
      const opts = self.opts();
      const values: ParsedArgs["values"] = {};
      for (const option of self.options) {
        if (option.long === "--no-color") continue;
        const value = opts[option.attributeName()];
        if (value !== undefined) values[(option.long as string).slice(2)] = value;
      }
      const noColor = program.opts().color === false || opts.color === false;
      const runEnv = noColor ? { ...env, env: { ...env.env, NO_COLOR: "1" } } : env;
      done(await runCommand(name, spec, { values, positionals: self.args }, runEnv));
    });
  }
  tab(program);
  return program;
}

async function runCommand(
  name: string,
  spec: CommandSpec,
  args: ParsedArgs,
  env: CommandEnv,
): Promise<number> {
  try {
    const command = await spec.load();
    return await command.run(args, env);
  } catch (error) {
    if (error instanceof InputError) {
      env.stderr.write(`itaku: ${terminalLine(error.message)}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      env.stderr.write(`itaku ${name}: ${terminalLine(error.message)}\n`);
      return 2;
    }
    if (error instanceof SourceUnavailableError) {
      env.stderr.write(`itaku: cannot scan ${terminalLine(error.message)}\n`);
      return 3;
    }
    // The reader went away (`itaku … | head`): nothing is wrong and nobody is left to tell.
    if ((error as NodeJS.ErrnoException).code === "EPIPE") return 0;
    env.stderr.write(`itaku: internal error: ${terminalLine((error as Error).message)}\n`);
    if (env.env.ITAKU_DEBUG) env.stderr.write(`${terminalLines(String((error as Error).stack))}\n`);
    else env.stderr.write("(set ITAKU_DEBUG=1 for details, and please report it)\n");
    return 4;
  }
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(argv: readonly string[], env: CommandEnv): Promise<number> {
  let code = 0;
  const program = buildProgram(env, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help or the version asked for is success; anything else commander rejects is bad usage.
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" ? 0 : 2;
    }
    env.stderr.write(`itaku: internal error: ${terminalLine((error as Error).message)}\n`);
    return 4;
  }
}
