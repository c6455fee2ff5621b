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
  .flatMap((f) => parseSnapshot(readFileSync(join(DEMO, "snapshots", f), "utf8"), f).resources);
const SINGLETONS = new Set(["aws.account", "aws.iam.root", "aws.iam.password-policy", "ad.domain"]);
export const COPIES_PER_SCOPE = Math.max(1, Math.round(10_000 / templates.length));
/**
 * Changes whenever the generator makes different snapshots: the snapshot bench keeps its generated
 * file under a name with this version, so a file written by an older generator is not reused.
 */
export const GENERATOR_VERSION = 2;

/** An Identity Center instance id, in instance and permission-set ARNs. */
const SSO_INSTANCE_ID = /ssoins-[0-9a-z]+/g;

/**
 * A copy's Identity Center resources in an instance of their own: users, groups, permission sets and
 * assignments refer to each other by instance ARN and user, group or permission-set id, so copies
 * sharing one instance would make every copied group hold every copy's members (quadratic in the
 * copies, a generator artefact). Renaming the instance in every id, ARN and reference keeps each
 * copy's references within the copy.
 */
const inOwnInstance = (template: Resource, copy: number): Resource =>
  JSON.parse(JSON.stringify(template).replace(SSO_INSTANCE_ID, (id) => `${id}c${copy}`));

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
      const source = template.type.startsWith("aws.sso.") ? inOwnInstance(template, copy) : template;
      const id = SINGLETONS.has(template.type) ? source.id : `${source.id}#${copy}`;
      resources.push({ ...source, id, scope } as Resource);
    }
  }
  return { schemaVersion: 1, collectedAt: "2026-11-20T00:00:00Z", origin: "live", sources: [], resources };
}
