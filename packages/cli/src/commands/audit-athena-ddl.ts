// `itaku audit athena-ddl`: prints the CloudTrail table for Athena (partition projection over
// account, region and day; the organisation trail's o-… level), ready to paste into the console.
import type { AthenaDdlOptions } from "@itaku/audit";
import type { CommandEnv, ParsedArgs } from "../command";

/** The flags as parsed: every one optional until checked here and in athenaDdl. */
export type AthenaDdlArgs = Partial<AthenaDdlOptions>;

export async function runAthenaDdl(args: AthenaDdlArgs, env: CommandEnv): Promise<number> {
  const { InputError } = await import("@itaku/core");
  const { athenaDdl } = await import("@itaku/audit/remote-entry");
  const { bucket, ...rest } = args;
  if (!bucket) throw new InputError("--bucket", undefined, "name the bucket the trail delivers to");
  env.stdout.write(athenaDdl({ ...rest, bucket }));
  return 0;
}

const listOf = (value: unknown): string[] | undefined =>
  typeof value === "string"
    ? value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean)
    : undefined;

/** `itaku audit athena-ddl --bucket B …` as commander parsed it. */
export function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const v = args.values;
  const text = (name: string) => (typeof v[name] === "string" ? (v[name] as string) : undefined);
  const accounts = listOf(v.accounts);
  const regions = listOf(v.regions);
  const options: AthenaDdlArgs = {
    ...(text("bucket") !== undefined ? { bucket: text("bucket") } : {}),
    ...(text("prefix") !== undefined ? { prefix: text("prefix") } : {}),
    ...(text("org-id") !== undefined ? { orgId: text("org-id") } : {}),
    ...(accounts ? { accounts } : {}),
    ...(regions ? { regions } : {}),
    ...(text("table") !== undefined ? { table: text("table") } : {}),
    ...(text("from") !== undefined ? { from: text("from") } : {}),
  };
  return runAthenaDdl(options, env);
}
