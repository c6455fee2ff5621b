// The JSON Schemas published for editors and other tools, generated from the zod schemas the code
// validates with, so the two can never disagree. `pnpm schemas` rewrites packages/core/schemas/.
import { z } from "zod";
import { configSchema } from "./config";
import { resultSchema } from "./result";
import { snapshotSchema } from "./snapshot";

const BASE = "https://itaku.dev/schemas";

function toSchema(
  schema: z.ZodType,
  name: string,
  title: string,
  io: "input" | "output",
): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<
    string,
    unknown
  >;
  return { ...json, $id: `${BASE}/${name}`, title };
}

export function publishedSchemas(): Record<string, Record<string, unknown>> {
  return {
    "snapshot.schema.json": toSchema(
      snapshotSchema,
      "snapshot.schema.json",
      "itaku snapshot (schemaVersion 1)",
      "output",
    ),
    "result.schema.json": toSchema(
      resultSchema,
      "result.schema.json",
      "itaku result (schemaVersion 1)",
      "output",
    ),
    "itaku-config.schema.json": toSchema(configSchema, "itaku-config.schema.json", "itaku.yaml", "input"),
  };
}
