// Reading a saved Result (the JSON of `scan`/`evaluate`/`audit --format json`): parsed, then validated.
import { jsonSchemaError } from "./json-path-place";
import { type Result, resultSchema } from "./result";
import { parseJsonText } from "./snapshot-io";

export function parseResult(text: string, path: string): Result {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const json = parseJsonText(body, path);
  const version =
    json && typeof json === "object" ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version !== 1) {
    throw jsonSchemaError(
      body,
      path,
      ["schemaVersion"],
      version === undefined
        ? "not an itaku result (no schemaVersion); write one with --format json or --report json=FILE"
        : `unsupported result schemaVersion ${JSON.stringify(version)} (this itaku reads 1)`,
    );
  }
  const parsed = resultSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw jsonSchemaError(body, path, issue.path, `does not match the result schema: ${issue.message}`);
  }
  return parsed.data;
}
