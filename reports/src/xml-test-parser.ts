// Test helper: well-formedness by saxes, a strict XML 1.0 parser (it rejects characters XML cannot carry).
import { SaxesParser } from "saxes";

/** The first well-formedness error, or null. */
export function wellFormednessError(xml: string): string | null {
  const parser = new SaxesParser();
  let error: string | null = null;
  parser.on("error", (e) => {
    error ??= e.message;
  });
  parser.write(xml).close();
  return error;
}
