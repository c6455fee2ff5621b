import { ipaControls } from "./catalog/ipa";
import { nicControls } from "./catalog/nic";
import type { Control } from "./types";

export { documentById, documents } from "./catalog/documents";
export type { Control, ControlKind, SourceDocument, SourceDocumentId } from "./types";

/** Every control of both source documents: NIC (special terms) then IPA (guideline), in document order. */
export const controls: readonly Control[] = Object.freeze([...nicControls, ...ipaControls]);

const byId = new Map<string, Control>(controls.map((c) => [c.id, c]));

export function controlById(id: string): Control | undefined {
  return byId.get(id);
}

export function isKnownControl(id: string): boolean {
  return byId.has(id);
}

/** Controls of one source document, in document order. */
export function controlsOf(document: Control["document"]): readonly Control[] {
  return controls.filter((c) => c.document === document);
}

/**
 * The technical clauses: what a scan of systems could check at all — information systems, accounts,
 * logs, terminals and outside access (NIC 1-4), applications and anti-virus (IPA 3.1), vulnerabilities
 * (IPA 3.2), user IDs (IPA 4.1) and server work records (IPA 2.1 ◇5). Coverage is measured against it.
 */
export function isTechnicalControl(control: Control): boolean {
  return /^(NIC-1-4-|IPA-3\.1-|IPA-3\.2-|IPA-4\.1-)/.test(control.id) || control.id === "IPA-2.1-5";
}
