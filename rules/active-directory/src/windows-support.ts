// Looks a computer's operatingSystem / operatingSystemVersion up in the dated end-of-support table
// (windows-end-of-support.json): servers and old clients by product name, Windows 10 and 11 by build.
import table from "./windows-end-of-support.json";

export const WINDOWS_SUPPORT_REVIEWED_AT = table.reviewedAt;

export type SupportLookup =
  | { kind: "not-windows" }
  | { kind: "unlisted"; reason: string }
  | { kind: "listed"; release: string; endOfSupport: string };

const byLongestName = [...table.products].sort((a, b) => b.name.length - a.name.length);

/** `operatingSystem` "Windows 10 Enterprise LTSC", `operatingSystemVersion` "10.0 (17763)" → its end of support. */
export function windowsEndOfSupport(
  operatingSystem: string,
  operatingSystemVersion: string | undefined,
): SupportLookup {
  const os = operatingSystem.replace(/\s+/g, " ").trim();
  if (!/^windows\b/i.test(os)) return { kind: "not-windows" };
  const clientRelease = /^windows (10|11)\b/i.exec(os);
  if (clientRelease) {
    const name = `Windows ${clientRelease[1]}`;
    const build = Number(/\((\d+)\)/.exec(operatingSystemVersion ?? "")?.[1]);
    if (!Number.isInteger(build))
      return { kind: "unlisted", reason: `${name} without a build number in operatingSystemVersion` };
    const row = table.builds.find((b) => b.name === name && b.build === build);
    if (!row)
      return {
        kind: "unlisted",
        reason: `${name} build ${build} is not in the end-of-support table (reviewed ${table.reviewedAt})`,
      };
    const ltsc = /\bLTS[BC]\b/i.test(os) ? row.ltsc : undefined;
    const enterprise = /\b(enterprise|education)\b/i.test(os);
    const endOfSupport = ltsc ?? (enterprise ? row.enterprise : row.endOfSupport);
    return { kind: "listed", release: `${name} ${row.release}${ltsc ? " LTSC" : ""}`, endOfSupport };
  }
  const product = byLongestName.find((p) => os.toLowerCase().startsWith(p.name.toLowerCase()));
  if (!product)
    return {
      kind: "unlisted",
      reason: `"${os}" is not in the end-of-support table (reviewed ${table.reviewedAt})`,
    };
  return { kind: "listed", release: product.name, endOfSupport: product.endOfSupport };
}
