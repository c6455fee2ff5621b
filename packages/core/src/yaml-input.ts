// YAML from users (config, roster) into plain values, with aliases capped: a "billion laughs"
// document is refused as bad input instead of exhausting memory or crashing the run.
import type { Document } from "yaml";
import { InputError } from "./errors";

/** More alias expansions than a hand-written config or roster ever needs. */
export const YAML_MAX_ALIAS_COUNT = 100;

export function yamlDocumentToJs(doc: Document, path: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new InputError(
        path,
        undefined,
        `YAML aliases expand too much (more than ${YAML_MAX_ALIAS_COUNT} times): refused as a resource-exhaustion ("billion laughs") document`,
      );
    }
    throw error;
  }
}
