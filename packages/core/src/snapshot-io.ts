// Reading a snapshot from JSON text: parsed, then validated against the Snapshot schema.
import type { z } from "zod";
import { InputError } from "./errors";
import { locateJsonError } from "./json-error";
import { jsonSchemaError } from "./json-path-place";
import { resourceSchema } from "./model/resource";
import { type Snapshot, snapshotEnvelopeSchema, snapshotSchema } from "./snapshot";

/**
 * Parses JSON text; a syntax error becomes an InputError with the line and column, and says so when
 * the error sits at the very end of the text (the file stops short: a truncated download or copy).
 */
export function parseJsonText(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const { place, reason, truncated } = locateJsonError(text);
    throw new InputError(
      path,
      place && `${place.line}:${place.column}`,
      `not valid JSON (${reason})${truncated ? " — the file looks truncated" : ""}`,
    );
  }
}

export function parseSnapshot(text: string, path: string): Snapshot {
  return validateSnapshot(parseJsonText(text, path), path, text);
}

/**
 * Checks parsed JSON against the Snapshot schema and returns the snapshot, defaults filled in.
 * Resources are checked one at a time, each replaced in its array by its checked copy as it goes,
 * so the raw and the checked form of a big snapshot never both sit in memory (checking the whole
 * document at once built a second full copy: 3.1 GB for a 200 MB file). Only when something is
 * wrong is the whole document checked again, to name the same first problem as it always did.
 */
export function validateSnapshot(json: unknown, path: string, text?: string): Snapshot {
  // With the text, a problem is placed at its line:column; without, by its path in the document.
  const problemAt = (segments: readonly PropertyKey[], problem: string) =>
    text === undefined
      ? new InputError(path, jsonPath(segments) || "(top level)", problem)
      : jsonSchemaError(text, path, segments, problem);
  if (
    json &&
    typeof json === "object" &&
    "schemaVersion" in json &&
    (json as { schemaVersion: unknown }).schemaVersion !== 1
  ) {
    throw problemAt(
      ["schemaVersion"],
      `unsupported snapshot schemaVersion ${JSON.stringify((json as { schemaVersion: unknown }).schemaVersion)} (this itaku reads 1)`,
    );
  }
  const resources = (json as { resources?: unknown } | null)?.resources;
  if (Array.isArray(resources)) {
    const envelope = snapshotEnvelopeSchema.safeParse({ ...(json as object), resources: [] });
    let valid = envelope.success;
    for (let i = 0; valid && i < resources.length; i++) {
      const resource = resourceSchema.safeParse(resources[i]);
      if (resource.success) resources[i] = resource.data;
      else valid = false;
    }
    if (envelope.success && valid) return { ...envelope.data, resources } as Snapshot;
  }
  // Something is wrong: the whole document, checked resources included (they check the same again).
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = pickIssue(parsed.error.issues);
    // An unknown key is shown where it is, not at the object that holds it.
    const at = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path;
    throw problemAt(at, `does not match the snapshot schema: ${issue.message}`);
  }
  return parsed.data as Snapshot;
}

/** For a union over resource types, zod reports the discriminator; dig into the most specific issue. */
function pickIssue(issues: z.core.$ZodIssue[]): z.core.$ZodIssue {
  const issue = issues[0]!;
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const nested = issue.errors.flat();
    if (nested.length > 0) {
      const inner = pickIssue(nested);
      return { ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue;
    }
  }
  return issue;
}

export function jsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("");
}
