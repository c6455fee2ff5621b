// Generated snapshots for the engine and snapshot benchmarks: copies of the demo vendor's resources.
// Each scope (AWS account or AD domain) holds COPIES_PER_SCOPE copies of every per-entity resource
// (users, groups, security groups…, about 10,000 resources) and one of each per-scope singleton
// (account, root, password policy, domain), so sizes grow both in scopes and inside one scope.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseSnapshot, type Resource, type Snapshot } from "@itaku/core";

const DEMO = join(process.cwd(), "demo");
export const templates: Resource[] = readdirSync(join(DEMO, "snapshots"))
  .filter((f) => f.endsWith(".snapshot.json"))
  .flatMap((f) => parseSnapshot(readFileSync(join(DEMO, "snapshots", f), "utf8"), f).resources)
  // Identity Center resources refer to each other by ids these copies do not rewrite (group and
  // instance ids), so every copy of a group would hold every copy's members: a generator artefact
  // that grows as the square of the copies. They are left out until the copies rewrite those ids.
  .filter((r) => !r.type.startsWith("aws.sso."));
const SINGLETONS = new Set(["aws.account", "aws.iam.root", "aws.iam.password-policy", "ad.domain"]);
export const COPIES_PER_SCOPE = Math.max(1, Math.round(10_000 / templates.length));

/** A live snapshot of `count` resources (no sources, no gaps). */
export function generate(count: number): Snapshot {
  const resources: Resource[] = [];
  for (let copy = 0; resources.length < count; copy++) {
    const scopeIndex = Math.floor(copy / COPIES_PER_SCOPE);
    const firstInScope = copy % COPIES_PER_SCOPE === 0;
    for (const template of templates) {
      if (resources.length >= count) break;
      if (SINGLETONS.has(template.type) && !firstInScope) continue;
      const scope = /^\d{12}$/.test(template.scope)
        ? String(100000000000 + scopeIndex * 10 + (template.scope.endsWith("4444") ? 1 : 0))
        : `d${scopeIndex}.${template.scope}`;
      const id = SINGLETONS.has(template.type) ? template.id : `${template.id}#${copy}`;
      resources.push({ ...template, id, scope } as Resource);
    }
  }
  return { schemaVersion: 1, collectedAt: "2026-11-20T00:00:00Z", origin: "live", sources: [], resources };
}
