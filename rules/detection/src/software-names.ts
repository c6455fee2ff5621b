// Matching installed application names (SSM's AWS:Application inventory) against configured names.

/**
 * True when `pattern` occurs in `name` as whole words, ignoring case: "Share" matches "Share EX2"
 * but not "SharePoint" or "shared-mime-info"; "Trend Micro" matches "Trend Micro Apex One".
 */
export function nameMatches(name: string, pattern: string): boolean {
  const escaped = pattern
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\s+/g, "\\s+");
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "iu").test(name);
}

export const firstMatch = (name: string, patterns: readonly string[]): string | undefined =>
  patterns.find((pattern) => nameMatches(name, pattern));
