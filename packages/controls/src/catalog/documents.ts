import type { SourceDocument, SourceDocumentId } from "../types";

/** The two source documents, as copied into packages/controls/seeds/. */
export const documents: readonly SourceDocument[] = [
  {
    id: "NIC",
    file: "001_5214e158928c9705.txt",
    title: {
      ja: "機密情報保持に関する特約",
      en: "Special terms on keeping confidential information",
    },
  },
  {
    id: "IPA",
    file: "000_44699f9d090faabf.txt",
    title: {
      ja: "委託関係における情報セキュリティ対策ガイドライン",
      en: "Guideline on information security measures in outsourcing relationships",
    },
  },
];

export function documentById(id: SourceDocumentId): SourceDocument {
  const doc = documents.find((d) => d.id === id);
  if (!doc) throw new Error(`unknown source document: ${id}`);
  return doc;
}
