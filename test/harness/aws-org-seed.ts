// Seeds a local AWS API server (moto) with an AWS Organization of many member accounts through the
// real SDK. moto's CreateAccount makes each member a backend of its own, with the member role
// (RoleName) trusting the management account; its AssumeRole switches accounts. The organisation:
// - `scanner`, an IAM user of the management account whose keys are the scan's base credentials;
//   it may assume every member role except the `failed` account's (an explicit deny: AssumeRole
//   answers AccessDenied, as AWS does when the role is missing or does not trust the caller);
// - a `partial` account whose member role may not call IAM (AccessDenied on every IAM read);
// - a `suspended` account (CloseAccount: SUSPENDED);
// - IAM users in a sample of accounts: an administrator without MFA, a leaver, and `shared-ops`, a
//   user of the same name in several accounts (one person, many accounts), and a CloudTrail trail;
// - OUs Root/Workloads/Prod and Root/Sandbox holding some of the accounts.
// moto must run without MOTO_IAM_LOAD_MANAGED_POLICIES: with it, the member role that CreateAccount
// writes into a new account is lost when that account's IAM backend loads the managed policies.
// Authorization is off while seeding and switched on (`enableAuth`) for the scan, so moto checks
// every request against the IAM policies of its caller.
import { CloudTrailClient, CreateTrailCommand } from "@aws-sdk/client-cloudtrail";
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";

type AwsCredentialIdentity = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

import pLimit from "p-limit";

/** moto's default account, where requests with unknown keys land. */
export const MANAGEMENT_ACCOUNT = "123456789012";
export const MEMBER_ROLE = "ItakuAudit";
/** A role of the management account with the scanner's rights, for `--role-arn`. */
export const ORG_READER_ROLE = "ItakuOrgReader";
export const ORG_READER_EXTERNAL_ID = "ext-ci-42";

const SEED_CREDENTIALS = { accessKeyId: "AKIAITAKUORGSEED0001", secretAccessKey: "seed" };
const policy = (statements: object[]): string =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });
const ALLOW_ALL = policy([{ Effect: "Allow", Action: "*", Resource: "*" }]);

export interface SeededOrganization {
  organizationId: string;
  /** Every member account, management excluded, in creation order. */
  members: string[];
  failed: string;
  partial: string;
  suspended: string;
  /** Accounts holding the `shared-ops` user (and one administrator and one leaver each). */
  seededWithUsers: string[];
  prod: string[];
  sandbox: string[];
  /** Base credentials of the scan: the `scanner` user's key. A test secret of a local server. */
  scanner: AwsCredentialIdentity;
}

export interface OrganizationShape {
  members: number;
  /** How many accounts get the sample users; spread evenly over the organisation. */
  withUsers?: number;
  /** Extra plain users per account in every account (for the benchmark's ~20 users per account). */
  usersPerAccount?: number;
}

export async function seedOrganization(
  endpoint: string,
  shape: OrganizationShape,
): Promise<SeededOrganization> {
  const region = "us-east-1";
  const organizations = new OrganizationsClient({ endpoint, region, credentials: SEED_CREDENTIALS });
  const sts = new STSClient({ endpoint, region, credentials: SEED_CREDENTIALS });
  const management = new IAMClient({ endpoint, region, credentials: SEED_CREDENTIALS });
  const limit = pLimit(8);

  const created = await organizations.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
  const organizationId = created.Organization!.Id!;
  // One at a time: moto creates each new account's backends on first use, and concurrent creation
  // can lose the member role it writes into the new account.
  const members: string[] = [];
  for (let i = 0; i < shape.members; i++) {
    const out = await organizations.send(
      new CreateAccountCommand({
        AccountName: `member-${String(i).padStart(4, "0")}`,
        Email: `aws+member-${i}@vendor.example`,
        RoleName: MEMBER_ROLE,
      }),
    );
    members.push(out.CreateAccountStatus!.AccountId!);
  }
  const [failed, partial, suspended] = [members[1]!, members[2]!, members[3]!];

  const rootId = (await organizations.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  const ou = async (name: string, parentId: string) =>
    (await organizations.send(new CreateOrganizationalUnitCommand({ Name: name, ParentId: parentId })))
      .OrganizationalUnit!.Id!;
  const workloads = await ou("Workloads", rootId);
  const prodOu = await ou("Prod", workloads);
  const sandboxOu = await ou("Sandbox", rootId);
  const prod = members.filter((_, i) => i % 10 === 4);
  const sandbox = members.filter((_, i) => i % 10 === 5);
  for (const [accounts, ouId] of [
    [prod, prodOu],
    [sandbox, sandboxOu],
  ] as const) {
    await Promise.all(
      accounts.map((id) =>
        limit(() =>
          organizations.send(
            new MoveAccountCommand({ AccountId: id, SourceParentId: rootId, DestinationParentId: ouId }),
          ),
        ),
      ),
    );
  }

  // The scanner: everything, but not the failed account's member role.
  await management.send(new CreateUserCommand({ UserName: "scanner" }));
  const scannerPolicy = policy([
    { Effect: "Allow", Action: "*", Resource: "*" },
    { Effect: "Deny", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${failed}:role/${MEMBER_ROLE}` },
  ]);
  await management.send(
    new PutUserPolicyCommand({ UserName: "scanner", PolicyName: "org-scan", PolicyDocument: scannerPolicy }),
  );
  const key = (await management.send(new CreateAccessKeyCommand({ UserName: "scanner" }))).AccessKey!;
  // A reader role in the management account, for `--role-arn` base credentials: same rights. moto
  // checks a same-account role's trust policy, the external id condition included.
  await management.send(
    new CreateRoleCommand({
      RoleName: ORG_READER_ROLE,
      AssumeRolePolicyDocument: policy([
        {
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${MANAGEMENT_ACCOUNT}:user/scanner` },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": ORG_READER_EXTERNAL_ID } },
        },
      ]),
    }),
  );
  await management.send(
    new PutRolePolicyCommand({
      RoleName: ORG_READER_ROLE,
      PolicyName: "org-scan",
      PolicyDocument: scannerPolicy,
    }),
  );

  const step = Math.max(1, Math.floor(shape.members / Math.max(1, shape.withUsers ?? 0)));
  const seededWithUsers =
    (shape.withUsers ?? 0) > 0
      ? members.filter((_, i) => i % step === 0 && i > 3).slice(0, shape.withUsers)
      : [];
  await Promise.all(
    members.map((id) =>
      limit(async () => {
        if (id === suspended) return;
        const session = (
          await sts.send(
            new AssumeRoleCommand({
              RoleArn: `arn:aws:iam::${id}:role/${MEMBER_ROLE}`,
              RoleSessionName: "seed",
            }),
          )
        ).Credentials!;
        const credentials = {
          accessKeyId: session.AccessKeyId!,
          secretAccessKey: session.SecretAccessKey!,
          sessionToken: session.SessionToken!,
        };
        const iam = new IAMClient({ endpoint, region, credentials });
        // moto authorizes an assumed role by the role's own policies: give the member role its rights.
        await iam.send(
          new PutRolePolicyCommand({ RoleName: MEMBER_ROLE, PolicyName: "audit", PolicyDocument: ALLOW_ALL }),
        );
        if (id === partial) {
          await iam.send(
            new PutRolePolicyCommand({
              RoleName: MEMBER_ROLE,
              PolicyName: "no-iam",
              PolicyDocument: policy([{ Effect: "Deny", Action: "iam:*", Resource: "*" }]),
            }),
          );
        }
        for (let u = 0; u < (shape.usersPerAccount ?? 0); u++)
          await iam.send(new CreateUserCommand({ UserName: `developer-${u}` }));
        if (seededWithUsers.includes(id)) await seedSampleAccount(endpoint, region, id, iam, credentials);
        iam.destroy();
      }),
    ),
  );
  await organizations.send(new CloseAccountCommand({ AccountId: suspended }));
  organizations.destroy();
  sts.destroy();
  management.destroy();

  return {
    organizationId,
    members,
    failed,
    partial,
    suspended,
    seededWithUsers,
    prod,
    sandbox,
    scanner: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! },
  };
}

/** An administrator without MFA, a leaver (`former-contractor`), `shared-ops`, and a trail. */
async function seedSampleAccount(
  endpoint: string,
  region: string,
  account: string,
  iam: IAMClient,
  credentials: AwsCredentialIdentity,
): Promise<void> {
  for (const user of ["admin-tanaka", "former-contractor", "shared-ops"]) {
    await iam.send(new CreateUserCommand({ UserName: user }));
    await iam.send(new CreateLoginProfileCommand({ UserName: user, Password: "Itaku-Seed-Passw0rd!" }));
  }
  await iam.send(
    new PutUserPolicyCommand({ UserName: "admin-tanaka", PolicyName: "admin", PolicyDocument: ALLOW_ALL }),
  );
  const s3 = new S3Client({ endpoint, region, credentials, forcePathStyle: true });
  const bucket = `trail-${account}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const cloudtrail = new CloudTrailClient({ endpoint, region, credentials });
  await cloudtrail.send(
    new CreateTrailCommand({ Name: "org-audit", S3BucketName: bucket, IsMultiRegionTrail: true }),
  );
  s3.destroy();
  cloudtrail.destroy();
}

/** The sessions moto's AssumeRole opened (moto's state API): who assumed what, how. */
export async function assumedRoles(
  endpoint: string,
): Promise<{ role_arn: string; session_name: string; external_id: string | null }[]> {
  const response = await fetch(`${endpoint}/moto-api/data.json`);
  const data = (await response.json()) as { sts?: { AssumedRole?: [] } };
  return data.sts?.AssumedRole ?? [];
}

/** From here on moto checks every request against its caller's IAM policies. */
export async function enableAuth(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset-auth`, {
    method: "POST",
    headers: { "Content-Type": "text/plain" },
    body: "0",
  });
  if (!response.ok) throw new Error(`moto reset-auth failed: ${response.status}`);
}
