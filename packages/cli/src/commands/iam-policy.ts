// itaku iam-policy: the minimal read-only policy, derived from the commands the collector sends.
import type { CommandEnv, ParsedArgs } from "../cli";

export async function run(_args: ParsedArgs, env: CommandEnv): Promise<number> {
  const { iamPolicyDocument } = await import("@itaku/collector-aws");
  env.stdout.write(`${JSON.stringify(iamPolicyDocument(), null, 2)}\n`);
  return 0;
}
