// Building blocks shared by every resource type of the normalized model.
import { z } from "zod";

/** An ISO-8601 timestamp (UTC, `Z`), as every date in a snapshot is written. */
export const isoDateTime = z.iso.datetime({ offset: true });

/** An IAM-style policy statement; `Action`/`Resource` arrays or strings, exactly as AWS returns them. */
export const policyStatement = z
  .object({
    Sid: z.string().optional(),
    Effect: z.enum(["Allow", "Deny"]),
    Action: z.union([z.string(), z.array(z.string())]).optional(),
    NotAction: z.union([z.string(), z.array(z.string())]).optional(),
    Resource: z.union([z.string(), z.array(z.string())]).optional(),
    NotResource: z.union([z.string(), z.array(z.string())]).optional(),
    Principal: z
      .union([z.literal("*"), z.record(z.string(), z.union([z.string(), z.array(z.string())]))])
      .optional(),
    NotPrincipal: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
    Condition: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  })
  .loose();

export const policyDocument = z
  .object({
    Version: z.string().optional(),
    Id: z.string().optional(),
    Statement: z.union([policyStatement, z.array(policyStatement)]),
  })
  .loose();

export type PolicyStatement = z.infer<typeof policyStatement>;
export type PolicyDocument = z.infer<typeof policyDocument>;

export const attachedPolicy = z.object({ arn: z.string(), name: z.string() });
export const inlinePolicy = z.object({ name: z.string(), document: policyDocument });

export type AttachedPolicy = z.infer<typeof attachedPolicy>;
export type InlinePolicy = z.infer<typeof inlinePolicy>;

/** Tags as a flat map; collectors turn AWS `[{Key, Value}]` lists into this. */
export const tags = z.record(z.string(), z.string());
