/** How a control is verified. */
export type ControlKind = "auto" | "partial" | "manual";

/** NIC: the special terms (seed 001). IPA: the outsourcing security guideline (seed 000). */
export type SourceDocumentId = "NIC" | "IPA";

export interface SourceDocument {
  id: SourceDocumentId;
  /** File name of the seed in packages/controls/seeds/. */
  file: string;
  title: { ja: string; en: string };
}

export interface Control {
  /** Stable id, e.g. "NIC-1-4-2-2", "IPA-4.1-8", "IPA-C-3-10", "IPA-R-1". */
  id: string;
  document: SourceDocumentId;
  /** Clause reference as written in the seed, e.g. "1-4(2)②", "別紙 4.1 ◇8", "第〇条（機密保持） 3(10)". */
  clause: string;
  /** Heading of the section the control belongs to. */
  section: { ja: string; en: string };
  /** Short title (ja may be a short paraphrase). */
  title: { en: string; ja: string };
  /** Japanese text quoted verbatim from the seed (whitespace normalised). */
  text: string;
  kind: ControlKind;
  /** What checks it (rule families); absent for manual controls. */
  checkedBy?: { en: string; ja: string };
}
