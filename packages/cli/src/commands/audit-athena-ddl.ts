// `itaku audit athena-ddl`: prints the CloudTrail table for Athena (partition projection over
// account, region and day; the organisation trail's o-… level), ready to paste into the console.
import type { CommandEnv } from "../command";

export interface AthenaDdlArgs {
  bucket?: string;
  prefix?: string;
  orgId?: string;
  accounts?: string[];
  regions?: string[];
  table?: string;
  from?: string;
}

export async function runAthenaDdl(args: AthenaDdlArgs, env: CommandEnv): Promise<number> {
  const { InputError } = await import("@itaku/core");
  const { athenaDdl } = await import("@itaku/audit");
  if (!args.bucket) throw new InputError("--bucket", undefined, "name the bucket the trail delivers to");
  env.stdout.write(
    athenaDdl({
      bucket: args.bucket,
      ...(args.prefix !== undefined ? { prefix: args.prefix } : {}),
      ...(args.orgId !== undefined ? { orgId: args.orgId } : {}),
      ...(args.accounts ? { accounts: args.accounts } : {}),
      ...(args.regions ? { regions: args.regions } : {}),
      ...(args.table !== undefined ? { table: args.table } : {}),
      ...(args.from !== undefined ? { from: args.from } : {}),
    }),
  );
  return 0;
}
