// Who may do what: the account password policy, one group per roster role (admins with MFA enforced,
// members with least privilege, auditors read-only), one IAM user per roster person with no access keys,
// the client's auditor role, and IAM Access Analyzer.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  clientAuditTrust,
  memberPolicy,
  requireMfaPolicy,
  selfServicePolicy,
  trailReadPolicy,
} from "./policy-documents";

export type PersonRole = "manager" | "admin" | "member" | "auditor";

export interface BaselinePerson {
  /** The IAM user name; the roster's `aws_iam_users` must list it for this person. */
  userName: string;
  role: PersonRole;
  personId?: string;
}

export interface PasswordPolicySettings {
  minimumLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercase: boolean;
  requireLowercase: boolean;
  maxAgeDays: number;
  reusePrevention: number;
}

export interface VendorIdentityArgs {
  namePrefix: string;
  accountId: pulumi.Input<string>;
  region: string;
  partition: pulumi.Input<string>;
  people: BaselinePerson[];
  passwordPolicy: PasswordPolicySettings;
  /** Create a console password (reset at first sign-in) for each person. */
  consoleAccess: boolean;
  /** Encrypts the initial passwords for hand-over (`keybase:<user>` or a base64 public key). */
  pgpKey?: string;
  clientAudit: { accountId: string; externalId: string; roleName: string };
  trailBucketArn: pulumi.Input<string>;
  trailKeyArn: pulumi.Input<string>;
  workloadTag: { key: string; value: string };
  tags: Record<string, string>;
  /** UNSAFE: the admin group works without MFA. */
  adminMfaOptional: boolean;
}

/** Which group a roster role joins. The manager is responsible, not an operator: member rights. */
export const GROUP_OF_ROLE: Record<PersonRole, "admin" | "member" | "auditor"> = {
  manager: "member",
  admin: "admin",
  member: "member",
  auditor: "auditor",
};

const IAM_NAME = /^[\w+=,.@-]{1,64}$/;

export class VendorIdentity extends pulumi.ComponentResource {
  readonly groups: Record<"admin" | "member" | "auditor", aws.iam.Group>;
  readonly users: aws.iam.User[];
  readonly auditorRole: aws.iam.Role;

  constructor(name: string, args: VendorIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:vendor-baseline:VendorIdentity", name, {}, opts);
    const parent = { parent: this };
    const seen = new Set<string>();
    for (const person of args.people) {
      if (!IAM_NAME.test(person.userName))
        throw new Error(`people: "${person.userName}" is not a valid IAM user name`);
      if (seen.has(person.userName.toLowerCase())) {
        throw new Error(
          `people: "${person.userName}" is listed twice; the contract wants one account per person`,
        );
      }
      seen.add(person.userName.toLowerCase());
    }

    const p = args.passwordPolicy;
    new aws.iam.AccountPasswordPolicy(
      `${name}-password-policy`,
      {
        minimumPasswordLength: p.minimumLength,
        requireSymbols: p.requireSymbols,
        requireNumbers: p.requireNumbers,
        requireUppercaseCharacters: p.requireUppercase,
        requireLowercaseCharacters: p.requireLowercase,
        allowUsersToChangePassword: true,
        maxPasswordAge: p.maxAgeDays,
        passwordReusePrevention: p.reusePrevention,
        hardExpiry: false,
      },
      parent,
    );

    const account = pulumi.all([args.partition, args.accountId]);
    const selfService = new aws.iam.Policy(
      `${name}-self-service`,
      {
        name: `${args.namePrefix}-self-service`,
        path: "/itaku/",
        description: "Manage one's own password and MFA device",
        policy: account.apply(([partition, id]) => JSON.stringify(selfServicePolicy(partition, id))),
      },
      parent,
    );
    const memberAccess = new aws.iam.Policy(
      `${name}-member-access`,
      {
        name: `${args.namePrefix}-member-access`,
        path: "/itaku/",
        description: "Session Manager access to the confidential workloads, nothing more",
        policy: account.apply(([partition, id]) =>
          JSON.stringify(memberPolicy(partition, args.region, id, args.workloadTag)),
        ),
      },
      parent,
    );
    const managed = (policy: string) => pulumi.interpolate`arn:${args.partition}:iam::aws:policy/${policy}`;

    const group = (
      key: "admin" | "member" | "auditor",
      policyArns: pulumi.Input<string>[],
      enforceMfa: boolean,
    ) => {
      const created = new aws.iam.Group(
        `${name}-${key}`,
        { name: `${args.namePrefix}-${key}s`, path: "/itaku/" },
        parent,
      );
      for (const [i, policyArn] of [selfService.arn, ...policyArns].entries()) {
        new aws.iam.GroupPolicyAttachment(
          `${name}-${key}-policy-${i}`,
          { group: created.name, policyArn },
          parent,
        );
      }
      if (enforceMfa) {
        new aws.iam.GroupPolicy(
          `${name}-${key}-require-mfa`,
          { group: created.name, name: "require-mfa", policy: JSON.stringify(requireMfaPolicy()) },
          parent,
        );
      }
      return created;
    };
    this.groups = {
      admin: group("admin", [managed("AdministratorAccess")], !args.adminMfaOptional),
      member: group("member", [memberAccess.arn], true),
      auditor: group("auditor", [managed("SecurityAudit"), managed("AWSCloudTrail_ReadOnlyAccess")], true),
    };

    this.users = args.people.map((person) => {
      const user = new aws.iam.User(
        `${name}-user-${person.userName}`,
        {
          name: person.userName,
          path: "/people/",
          forceDestroy: true,
          tags: {
            ...args.tags,
            RosterRole: person.role,
            ...(person.personId ? { PersonId: person.personId } : {}),
          },
        },
        parent,
      );
      new aws.iam.UserGroupMembership(
        `${name}-user-${person.userName}-groups`,
        { user: user.name, groups: [this.groups[GROUP_OF_ROLE[person.role]].name] },
        parent,
      );
      if (args.consoleAccess) {
        new aws.iam.UserLoginProfile(
          `${name}-user-${person.userName}-console`,
          { user: user.name, passwordResetRequired: true, ...(args.pgpKey ? { pgpKey: args.pgpKey } : {}) },
          { ...parent, ignoreChanges: ["passwordResetRequired", "passwordLength", "pgpKey"] },
        );
      }
      return user;
    });

    // The client's (甲) auditors: assumed from their account with the agreed external id; read-only.
    if (!/^\d{12}$/.test(args.clientAudit.accountId)) {
      throw new Error(
        `clientAudit.accountId "${args.clientAudit.accountId}" is not a 12-digit AWS account id`,
      );
    }
    if (args.clientAudit.externalId.length < 8) {
      throw new Error("clientAudit.externalId must have at least 8 characters (agree it with the client)");
    }
    this.auditorRole = new aws.iam.Role(
      `${name}-client-auditor`,
      {
        name: args.clientAudit.roleName,
        description: "Read-only audit access for the client (甲), with the agreed external id",
        maxSessionDuration: 3600,
        assumeRolePolicy: pulumi
          .output(args.partition)
          .apply((partition) =>
            JSON.stringify(
              clientAuditTrust(partition, args.clientAudit.accountId, args.clientAudit.externalId),
            ),
          ),
        tags: { ...args.tags, Purpose: "client-audit" },
      },
      parent,
    );
    for (const [i, policyArn] of [
      managed("SecurityAudit"),
      managed("AWSCloudTrail_ReadOnlyAccess"),
    ].entries()) {
      new aws.iam.RolePolicyAttachment(
        `${name}-client-auditor-${i}`,
        { role: this.auditorRole.name, policyArn },
        parent,
      );
    }
    new aws.iam.RolePolicy(
      `${name}-client-auditor-trail-read`,
      {
        role: this.auditorRole.name,
        name: "read-access-log",
        policy: pulumi
          .all([args.trailBucketArn, args.trailKeyArn])
          .apply(([bucket, key]) => JSON.stringify(trailReadPolicy(bucket, key))),
      },
      parent,
    );

    new aws.accessanalyzer.Analyzer(
      `${name}-access-analyzer`,
      { analyzerName: `${args.namePrefix}-account`, type: "ACCOUNT", tags: args.tags },
      parent,
    );

    this.registerOutputs({ auditorRoleArn: this.auditorRole.arn });
  }
}
