// A common view of account-like resources (IAM users, AD users), for rules that span providers.
import type { Resource, ResourceOf } from "./model/resource";
import type { RosterPerson } from "./roster";
import type { RuleContext } from "./rule";

export const ACCOUNT_TYPES = ["aws.iam.user", "ad.user"] as const;
export type AccountResource = ResourceOf<"aws.iam.user"> | ResourceOf<"ad.user">;

export interface AccountView {
  kind: "aws-iam-user" | "ad-user";
  name: string;
  /** Can sign in or call APIs: a console password or an active key for IAM, not disabled in AD. */
  enabled: boolean | undefined;
  /** Roster people listing this account; undefined when there is no roster. */
  owners: RosterPerson[] | undefined;
}

export function viewAccount(ctx: RuleContext<string>, resource: AccountResource): AccountView {
  if (resource.type === "aws.iam.user") {
    const a = resource.attributes;
    const keysActive = a.accessKeys?.some((k) => k.active);
    const enabled =
      a.passwordEnabled === true || keysActive === true
        ? true
        : a.passwordEnabled === undefined || a.accessKeys === undefined
          ? undefined
          : false;
    return {
      kind: "aws-iam-user",
      name: a.userName,
      enabled,
      owners: ctx.roster?.ownersOfAwsUser(resource.scope, a.userName),
    };
  }
  const domain = ctx.inScope("ad.domain", resource.scope)[0];
  const domainNames = {
    dnsName: domain?.attributes.dnsName ?? resource.scope,
    netbiosName: domain?.attributes.netbiosName,
  };
  return {
    kind: "ad-user",
    name: resource.attributes.sAMAccountName,
    enabled: resource.attributes.enabled,
    owners: ctx.roster?.ownersOfAdAccount(domainNames, resource.attributes.sAMAccountName),
  };
}

export const isAccount = (resource: Resource): resource is AccountResource =>
  resource.type === "aws.iam.user" || resource.type === "ad.user";
