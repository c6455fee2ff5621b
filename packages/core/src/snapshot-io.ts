// Reading a snapshot from JSON text: parsed, then validated against the Snapshot schema.
import type { z } from "zod";
import { InputError } from "./errors";
import { type Snapshot, snapshotSchema } from "./snapshot";

/** Parses JSON text; a syntax error becomes an InputError with the line and column. */
export function parseJsonText(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    let place: string | undefined;
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      const line = before.split("\n").length;
      place = `${line}:${offset - before.lastIndexOf("\n")}`;
    } else if (/Unexpected end of JSON input/.test(message)) {
      place = `${text.split("\n").length}`;
    }
    const truncated = /end of JSON input/.test(message) ? "; the file looks truncated" : "";
    throw new InputError(
      path,
      place,
      `not valid JSON (${message.replace(/ in JSON at position \d+.*$/, "")})${truncated}`,
    );
  }
}

export function parseSnapshot(text: string, path: string): Snapshot {
  const json = parseJsonText(text, path);
  if (
    json &&
    typeof json === "object" &&
    "schemaVersion" in json &&
    (json as { schemaVersion: unknown }).schemaVersion !== 1
  ) {
    throw new InputError(
      path,
      "schemaVersion",
      `unsupported snapshot schemaVersion ${String((json as { schemaVersion: unknown }).schemaVersion)} (this itaku reads 1)`,
    );
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = pickIssue(parsed.error.issues);
    throw new InputError(
      path,
      jsonPath(issue.path) || "(top level)",
      `does not match the snapshot schema: ${issue.message}`,
    );
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
