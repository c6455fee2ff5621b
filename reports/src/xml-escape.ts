// Escaping for XML 1.0 and HTML (JUnit and HTML reports). Characters XML 1.0 cannot carry at all,
// not even as character references (most C0 controls, lone surrogates, U+FFFE/U+FFFF), become
// visible escapes instead, so the document stays well-formed whatever a scanned name contains.
import { escapeCodeUnit } from "./scanned-text";

const NOT_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const TEXT_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const ATTRIBUTE_ENTITIES: Record<string, string> = {
  ...TEXT_ENTITIES,
  '"': "&quot;",
  "'": "&#39;",
  // Attribute-value normalisation would turn these into spaces; references keep them.
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Element content. `>` is escaped too, so `]]>` can never appear. */
export function escapeXmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, escapeCodeUnit).replace(/[&<>]/g, (c) => TEXT_ENTITIES[c]!);
}

/** A quoted attribute value (either quote style). */
export function escapeXmlAttribute(text: string): string {
  return text.replace(NOT_XML_CHAR, escapeCodeUnit).replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ENTITIES[c]!);
}
