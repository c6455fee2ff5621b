// Matching installed application names (SSM's AWS:Application inventory) against configured names.

/** The configured patterns are few and tested against every installed program: each is compiled once. */
const compiledPatterns = new Map<string, RegExp>();
const MAX_COMPILED_PATTERNS = 10_000;

/**
 * True when `pattern` occurs in `name` as whole words, ignoring case: "Share" matches "Share EX2"
 * but not "SharePoint" or "shared-mime-info"; "Trend Micro" matches "Trend Micro Apex One".
 */
export function nameMatches(name: string, pattern: string): boolean {
  let compiled = compiledPatterns.get(pattern);
  if (!compiled) {
    const escaped = pattern
      .trim()
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\s+/g, "\\s+");
    compiled = new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "iu");
    if (compiledPatterns.size >= MAX_COMPILED_PATTERNS) compiledPatterns.clear();
    compiledPatterns.set(pattern, compiled);
  }
  return compiled.test(name);
}

export const firstMatch = (name: string, patterns: readonly string[]): string | undefined =>
  patterns.find((pattern) => nameMatches(name, pattern));
