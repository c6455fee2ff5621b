// Identity → person: who of the roster a CloudTrail `userIdentity` is. One function for every detection
// and the access review, cached per principal so the hot path is two Map lookups per event.
import type { RosterPerson } from "../roster";
import type { RuleSettings } from "../rule";
import { SsoOwnerIndex, type SsoUserKey } from "../sso-owners";
import type { CloudTrailEvent, CloudTrailUserIdentity } from "./event";

export type PrincipalKind =
  | "iam-user"
  | "assumed-role"
  /** An IAM Identity Center (SSO) session: a role named AWSReservedSSO_… or an IdentityCenterUser. */
  | "sso"
  | "federated"
  | "root"
  | "service"
  /** Another account calling in (AWSAccount, or a principal whose account is not the recipient's). */
  | "external-account"
  /** A failed sign-in whose user name CloudTrail hides (HIDDEN_DUE_TO_SECURITY_REASONS). */
  | "hidden"
  | "unknown";

export interface Identity {
  /** Stable principal key: the ARN when CloudTrail gives one, otherwise kind:account:name. */
  readonly key: string;
  readonly kind: PrincipalKind;
  /** Short readable name: `alice`, `Admin/alice@example.com`, `root`, `ec2.amazonaws.com`. */
  readonly label: string;
  readonly accountId?: string;
  readonly roleName?: string;
  readonly sessionName?: string;
  /** The roster person, when exactly one matches. */
  readonly person?: RosterPerson;
  /** Roster people listing the same account when several do (a shared account: no one is attributed). */
  readonly sharedBy?: readonly string[];
  /** An AWS service or a workload session (EC2 instance, service-linked role): not a person. */
  readonly machine: boolean;
  /** From an account other than the one that logged the event, and not one of the audited accounts. */
  readonly external: boolean;
  /** The approved subcontractor owning the principal's account, for external principals. */
  readonly subcontractor?: { name: string; approvedAt: string };
}

export const HIDDEN_USER = "HIDDEN_DUE_TO_SECURITY_REASONS";
const SSO_ROLE = /^AWSReservedSSO_/;
const INSTANCE_SESSION = /^i-[0-9a-f]{8,17}$/;

/** Whether a person was allowed to work on a (local) calendar date, by roster start/end dates. */
export function personStatusOn(person: RosterPerson, date: string): "active" | "before-start" | "after-end" {
  if (date < person.startDate) return "before-start";
  if (person.endDate && date > person.endDate) return "after-end";
  return "active";
}

export interface IdentityResolverInput {
  people: readonly RosterPerson[] | null;
  subcontractors: RuleSettings["subcontractors"];
  /** Accounts audited together (an organisation's); calls between them are not external. */
  ownAccounts?: readonly string[];
  /**
   * IAM Identity Center users (from a snapshot). An SSO session is then the user its name names and
   * belongs to whom that user does — the match the Identity Center rules use — instead of a guess
   * from the session name.
   */
  ssoUsers?: readonly IdentityCenterUser[];
}

/** What the audit keeps of an Identity Center user: structured-cloneable, for worker threads. */
export interface IdentityCenterUser extends SsoUserKey {
  userId: string;
}

export class IdentityResolver {
  private readonly cache = new Map<string, Map<string, Map<string, Identity>>>();
  private readonly byIamUser = new Map<string, RosterPerson[]>();
  private readonly byEmail = new Map<string, RosterPerson[]>();
  private readonly byName = new Map<string, RosterPerson[]>();
  private readonly subcontractorOf = new Map<string, { name: string; approvedAt: string }>();
  private readonly ownAccounts: Set<string>;
  /** Identity Center users by lower-cased user name and by user id, with their roster owners. */
  private readonly ssoByName = new Map<string, RosterPerson[]>();
  private readonly ssoById = new Map<string, RosterPerson[]>();

  constructor(input: IdentityResolverInput) {
    for (const person of input.people ?? []) {
      for (const entry of person.awsIamUsers) push(this.byIamUser, entry.toLowerCase(), person);
      if (person.email) {
        const email = person.email.toLowerCase();
        push(this.byEmail, email, person);
        push(this.byName, email.split("@")[0]!, person);
      }
      push(this.byName, person.personId.toLowerCase(), person);
    }
    for (const sub of input.subcontractors)
      for (const account of sub.awsAccountIds)
        this.subcontractorOf.set(account, { name: sub.name, approvedAt: sub.approvedAt });
    this.ownAccounts = new Set(input.ownAccounts ?? []);
    if (input.ssoUsers && input.ssoUsers.length > 0) {
      const index = new SsoOwnerIndex(input.people ?? []);
      for (const user of input.ssoUsers) {
        const owners = index.owners(user);
        this.ssoByName.set(user.userName.toLowerCase(), owners);
        this.ssoById.set(user.userId, owners);
      }
    }
  }

  /** The identity behind an event; the same object for every event of the same principal. */
  resolve(event: CloudTrailEvent): Identity {
    const who = event.userIdentity;
    const recipient = event.recipientAccountId ?? who.accountId ?? "";
    let byType = this.cache.get(recipient);
    if (!byType) {
      byType = new Map();
      this.cache.set(recipient, byType);
    }
    let byKey = byType.get(who.type);
    if (!byKey) {
      byKey = new Map();
      byType.set(who.type, byKey);
    }
    const key =
      who.arn ??
      who.userName ??
      who.invokedBy ??
      who.principalId ??
      who.onBehalfOf?.userId ??
      who.accountId ??
      "";
    let identity = byKey.get(key);
    if (!identity) {
      identity = this.compute(who, recipient);
      byKey.set(key, identity);
    }
    return identity;
  }

  private compute(who: CloudTrailUserIdentity, recipient: string): Identity {
    const accountId = who.accountId;
    const external = Boolean(
      accountId && recipient && accountId !== recipient && !this.ownAccounts.has(accountId),
    );
    const base = {
      accountId,
      external,
      ...(external && accountId && this.subcontractorOf.has(accountId)
        ? { subcontractor: this.subcontractorOf.get(accountId)! }
        : {}),
    };
    const arnKey = (fallback: string) => who.arn ?? `${who.type}:${accountId ?? "?"}:${fallback}`;
    switch (who.type) {
      case "Root":
        return {
          ...base,
          key: arnKey("root"),
          kind: external ? "external-account" : "root",
          label: "root",
          machine: false,
        };
      case "AWSService":
        return {
          ...base,
          key: `service:${who.invokedBy ?? "unknown"}`,
          kind: "service",
          label: who.invokedBy ?? "AWS service",
          machine: true,
          external: false,
        };
      case "AWSAccount":
        return {
          ...base,
          key: `account:${accountId ?? "?"}:${who.principalId ?? ""}`,
          kind: "external-account",
          label: `account ${accountId ?? "?"}`,
          machine: false,
          external: accountId !== recipient && !this.ownAccounts.has(accountId ?? ""),
        };
      case "IAMUser": {
        const userName = who.userName ?? who.arn?.split("/").pop() ?? "";
        if (userName === HIDDEN_USER)
          return {
            ...base,
            key: `hidden:${accountId ?? "?"}`,
            kind: "hidden",
            label: "(hidden user name)",
            machine: false,
          };
        return {
          ...base,
          ...this.owner(this.iamUserOwners(accountId, userName)),
          key: arnKey(userName),
          kind: external ? "external-account" : "iam-user",
          label: userName,
          machine: false,
        };
      }
      case "AssumedRole": {
        const issuer = who.sessionContext?.sessionIssuer;
        const roleName = issuer?.userName ?? who.arn?.split("/")[1] ?? "";
        const sessionName = who.arn?.split("/").slice(2).join("/") ?? who.principalId?.split(":")[1] ?? "";
        const sso = SSO_ROLE.test(roleName);
        const machine =
          !sso &&
          (INSTANCE_SESSION.test(sessionName) || (issuer?.arn ?? "").includes(":role/aws-service-role/"));
        const candidate = who.sessionContext?.sourceIdentity ?? sessionName;
        // An SSO role's session is named after the Identity Center user name.
        const ssoOwners = sso ? this.ssoByName.get(sessionName.toLowerCase()) : undefined;
        return {
          ...base,
          ...(machine ? {} : this.owner(ssoOwners ?? this.sessionOwners(candidate))),
          key: arnKey(`${roleName}/${sessionName}`),
          kind: external ? "external-account" : sso ? "sso" : "assumed-role",
          label: `${roleName}/${sessionName}`,
          roleName,
          sessionName,
          machine,
        };
      }
      case "FederatedUser": {
        const issuerUser = who.sessionContext?.sessionIssuer?.userName ?? "";
        const owners = this.iamUserOwners(accountId, issuerUser);
        const sessionName = who.arn?.split("/").pop() ?? "";
        return {
          ...base,
          ...this.owner(owners.length > 0 ? owners : this.sessionOwners(sessionName)),
          key: arnKey(`${issuerUser}/${sessionName}`),
          kind: "federated",
          label: `${issuerUser}/${sessionName}`,
          sessionName,
          machine: false,
        };
      }
      case "IdentityCenterUser": {
        const name = who.userName ?? who.onBehalfOf?.userId ?? "";
        const userId = who.onBehalfOf?.userId;
        const ssoOwners =
          (userId ? this.ssoById.get(userId) : undefined) ?? this.ssoByName.get(name.toLowerCase());
        return {
          ...base,
          ...this.owner(ssoOwners ?? this.sessionOwners(name)),
          key: `identity-center:${who.onBehalfOf?.userId ?? name}`,
          kind: "sso",
          label: name,
          machine: false,
          external: false,
        };
      }
      default: {
        const name = who.userName ?? who.principalId ?? "unknown";
        return { ...base, key: arnKey(name), kind: "unknown", label: name, machine: false };
      }
    }
  }

  private iamUserOwners(accountId: string | undefined, userName: string): RosterPerson[] {
    const name = userName.toLowerCase();
    return unique([
      ...(this.byIamUser.get(name) ?? []),
      ...(accountId ? (this.byIamUser.get(`${accountId}:${name}`) ?? []) : []),
    ]);
  }

  /** A session name (or source identity) is a user name or e-mail: roster e-mail, its local part, person id or IAM user name. */
  private sessionOwners(name: string): RosterPerson[] {
    const lower = name.toLowerCase();
    const byEmail = this.byEmail.get(lower);
    if (byEmail) return byEmail;
    const local = lower.includes("@") ? lower.split("@")[0]! : lower;
    return unique([...(this.byName.get(local) ?? []), ...(this.byIamUser.get(local) ?? [])]);
  }

  private owner(owners: RosterPerson[]): Pick<Identity, "person" | "sharedBy"> {
    if (owners.length === 1) return { person: owners[0] };
    if (owners.length > 1) return { sharedBy: owners.map((p) => p.personId).sort() };
    return {};
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const unique = <T>(items: T[]): T[] => [...new Set(items)];
