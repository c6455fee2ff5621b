// The IAM Identity Center users of snapshots (`itaku collect` output), for the access-log audit's
// identity mapping: SSO sessions are named after these users, and the roster match is theirs.
import type { IdentityCenterUser } from "@itaku/core";
import { readSnapshot } from "./io";

export function identityCenterUsers(files: readonly string[]): IdentityCenterUser[] {
  const users = new Map<string, IdentityCenterUser>();
  for (const file of files) {
    for (const resource of readSnapshot(file).resources) {
      if (resource.type !== "aws.sso.user") continue;
      const { userId, userName, emails } = resource.attributes;
      users.set(`${resource.attributes.identityStoreId}/${userId}`, { userId, userName, emails });
    }
  }
  return [...users.values()];
}
