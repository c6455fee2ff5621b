// `itaku audit athena-ddl`: prints the CloudTrail table for Athena (partition projection over
// account, region and day; the organisation trail's o-… level), ready to paste into the console.
import type { AthenaDdlOptions } from "@itaku/audit";
import type { CommandEnv } from "../command";

/** The flags as parsed: every one optional until checked here and in athenaDdl. */
export type AthenaDdlArgs = Partial<AthenaDdlOptions>;

export async function runAthenaDdl(args: AthenaDdlArgs, env: CommandEnv): Promise<number> {
  const { InputError } = await import("@itaku/core");
  const { athenaDdl } = await import("@itaku/audit");
  const { bucket, ...rest } = args;
  if (!bucket) throw new InputError("--bucket", undefined, "name the bucket the trail delivers to");
  env.stdout.write(athenaDdl({ ...rest, bucket }));
  return 0;
}
