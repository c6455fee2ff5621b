// itaku iam-policy: the minimal policy, derived from the commands the collector and the audit send.
import { InputError } from "@itaku/core";
import type { CommandEnv, ParsedArgs } from "../command";

export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const { iamPolicyDocument, organizationPolicyDocument } = await import("@itaku/collector-aws");
  if (args.values.org) {
    env.stdout.write(`${JSON.stringify(organizationPolicyDocument(), null, 2)}\n`);
    return 0;
  }
  const athenaOutput = args.values["athena-output"] as string | undefined;
  let policy: ReturnType<typeof iamPolicyDocument>;
  try {
    policy = iamPolicyDocument(athenaOutput === undefined ? {} : { athenaOutput });
  } catch (error) {
    throw new InputError(
      "--athena-output",
      undefined,
      (error as Error).message.replace(/^--athena-output /, ""),
    );
  }
  env.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
  return 0;
}
