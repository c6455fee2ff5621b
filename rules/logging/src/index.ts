import type { AnyRule } from "@itaku/core";

/** The rules of this package, one per file; the file name equals the rule id. */
export const rules: AnyRule[] = [];
