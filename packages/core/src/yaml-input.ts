// YAML from users (config, roster) into plain values, with aliases capped: a "billion laughs"
// document is refused as bad input instead of exhausting memory or crashing the run.
import type { Document, YAMLError } from "yaml";
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

/**
 * The document's first syntax error as one line at its line:column. The parser reports a document
 * nested thousands deep as its own stack overflow; say what is wrong with the file instead.
 */
export function yamlSyntaxError(error: YAMLError, path: string): InputError {
  const pos = error.linePos?.[0];
  const message = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  const reason = /Maximum call stack size exceeded/.test(message) ? "nested too deeply" : message;
  return new InputError(path, pos ? `${pos.line}:${pos.col}` : undefined, `invalid YAML: ${reason}`);
}
