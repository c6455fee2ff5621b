// The provenance line(s) every report states: who collected each evaluated snapshot, with what, and
// whether its digest and signature were checked. Files with the same standing share one line, so an
// organisation split into hundreds of per-account files reads as one.
import type { Result, SnapshotProvenanceReport } from "@itaku/core";
import { visibleText } from "./scanned-text";

const MAX_NAMED = 3;

function standing(entry: SnapshotProvenanceReport): string {
  switch (entry.signature) {
    case "verified":
      return `signed by ${entry.keyFingerprint}, verified`;
    case "unverified":
      return `signed by ${entry.keyFingerprint}, not verified (no --verify key given)`;
    default:
      return entry.digest
        ? "unsigned (digest matches the content, but anyone who can edit the file can recompute it)"
        : "unsigned, no digest (written before itaku recorded provenance)";
  }
}

function listed(items: readonly string[]): string {
  if (items.length <= MAX_NAMED) return items.join(", ");
  return `${items.slice(0, MAX_NAMED).join(", ")} and ${items.length - MAX_NAMED} more`;
}

function identityOf(item: SnapshotProvenanceReport["collectedBy"][number]): string {
  return item.provider === "pulumi" ? `Pulumi stack ${item.identity}` : item.identity;
}

/** The notes, with every string the snapshot supplied (file, identities, tool) made visible. */
export function provenanceNotes(result: Result): string[] {
  return rawProvenanceNotes(result).map(visibleText);
}

function rawProvenanceNotes(result: Result): string[] {
  const groups = new Map<string, SnapshotProvenanceReport[]>();
  for (const entry of result.provenance ?? []) {
    const key = standing(entry);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups].map(([said, entries]) => {
    const files = entries.map((e) => e.file);
    const times = entries.map((e) => e.collectedAt).sort();
    const when = times[0] === times.at(-1) ? times[0] : `${times[0]} – ${times.at(-1)}`;
    const who = [...new Set(entries.flatMap((e) => e.collectedBy.map(identityOf)))];
    const tools = [...new Set(entries.map((e) => e.tool ?? "an unnamed tool"))];
    const what = entries.length === 1 ? files[0] : `${entries.length} snapshots (${listed(files)})`;
    return `provenance: ${said} — ${what}, collected ${when}${who.length > 0 ? ` by ${listed(who)}` : ""} with ${tools.join(", ")}`;
  });
}
