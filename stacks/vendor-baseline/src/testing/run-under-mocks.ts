// Runs a Pulumi program under `pulumi.runtime.setMocks` (the CLI cannot run here) and returns every
// resource it registered, as the recording mocks of @itaku/collector-pulumi captured them.
import { type MockedResource, recordingMocks } from "@itaku/collector-pulumi";
import * as pulumi from "@pulumi/pulumi";

export const MOCK_ACCOUNT_ID = "111122223333";
export const MOCK_REGION = "ap-northeast-1";

export interface MockRun<T> {
  resources: MockedResource[];
  /** What the program returned, its outputs resolved. */
  outputs: T extends pulumi.Output<infer U> ? U : pulumi.Unwrap<T>;
}

/**
 * Sets the mocks and the config (`project:key` → value; objects are JSON-encoded), runs `program`,
 * waits until every registration has been answered, and resolves its result.
 */
export async function runUnderMocks<T>(
  program: () => T,
  config: Record<string, unknown> = {},
  options: { project?: string; stack?: string; accountId?: string; region?: string } = {},
): Promise<MockRun<T>> {
  const region = options.region ?? MOCK_REGION;
  const recorder = recordingMocks({ accountId: options.accountId ?? MOCK_ACCOUNT_ID, region });
  await pulumi.runtime.setMocks(
    recorder.mocks,
    options.project ?? "vendor-baseline",
    options.stack ?? "test",
    false,
  );
  const all: Record<string, string> = { "aws:region": region };
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined) all[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  pulumi.runtime.setAllConfig(all);
  const result = program();
  const resolved = pulumi.output(result as unknown) as pulumi.Output<unknown>;
  const outputs = await new Promise<unknown>((resolve) => resolved.apply(resolve));
  await pulumi.runtime.disconnect();
  return { resources: recorder.resources, outputs: outputs as MockRun<T>["outputs"] };
}
