// The IAM collector: authorization details, the credential report and the password policy, read
// side by side (three to a handful of requests plus one per 1000 principals), merged per user.
import { IAMClient } from "@aws-sdk/client-iam";
import type { ResourceOf } from "@itaku/core";
import type { AwsCollector } from "../collector";
import { readAuthorizationDetails } from "./authorization-details";
import { type CredentialReportRow, ROOT_ROW_USER, readCredentialReport } from "./credential-report";
import { readPasswordPolicy } from "./password-policy";
import { readRootVirtualMfa } from "./virtual-mfa";

const PRINCIPAL_TYPES = ["aws.iam.user", "aws.iam.group", "aws.iam.role", "aws.iam.policy"] as const;

export const iamCollector: AwsCollector = {
  name: "iam",
  scope: "global",
  resourceTypes: [...PRINCIPAL_TYPES, "aws.iam.root", "aws.iam.password-policy"],
  async run(ctx) {
    const iam = ctx.client(IAMClient, "iam");
    const [details, report, passwordPolicy, rootVirtualMfa] = await Promise.all([
      readAuthorizationDetails(iam, ctx.accountId),
      readCredentialReport(iam, ctx.credentialReport),
      readPasswordPolicy(iam),
      readRootVirtualMfa(iam, ctx.accountId),
    ]);

    if (details.failure) {
      for (const type of PRINCIPAL_TYPES) ctx.gap(type, "GetAccountAuthorizationDetails", details.failure);
    }
    for (const problem of details.problems)
      ctx.gap(problem.resourceType, "GetAccountAuthorizationDetails", problem);

    const rowsByArn = new Map<string, CredentialReportRow>();
    if (report.ok) {
      for (const row of report.rows) rowsByArn.set(row.arn, row);
      const root = report.rows.find((row) => row.user === ROOT_ROW_USER);
      if (root) {
        const resource = rootResource(ctx.accountId, root);
        if (!rootVirtualMfa.ok) ctx.gap("aws.iam.root", "ListVirtualMFADevices", rootVirtualMfa.failure);
        else if (resource.attributes.mfaActive)
          resource.attributes.mfaDevice = rootVirtualMfa.virtual ? "virtual" : "hardware";
        ctx.emit(resource);
      } else {
        ctx.gap("aws.iam.root", "GetCredentialReport", {
          code: "RootRowMissing",
          message: `the credential report has no ${ROOT_ROW_USER} row`,
        });
      }
    } else {
      for (const type of ["aws.iam.user", "aws.iam.root"] as const) ctx.gap(type, report.operation, report);
    }

    for (const user of details.users) {
      // Users created after the report was generated have no row: their report attributes stay
      // undefined, so rules about passwords, MFA and keys say unknown for them.
      const row = rowsByArn.get(user.attributes.arn);
      if (row) Object.assign(user.attributes, reportAttributes(row));
      ctx.emit(user);
    }
    for (const resource of [...details.groups, ...details.roles, ...details.policies]) ctx.emit(resource);

    if (passwordPolicy.ok) {
      ctx.emit({
        type: "aws.iam.password-policy",
        id: `${ctx.accountId}/password-policy`,
        name: "account password policy",
        scope: ctx.accountId,
        region: "global",
        attributes: passwordPolicy.attributes,
      });
    } else ctx.gap("aws.iam.password-policy", "GetAccountPasswordPolicy", passwordPolicy.failure);

    ctx.progress(
      `IAM: ${details.users.length} users, ${details.groups.length} groups, ${details.roles.length} roles, ` +
        `${details.policies.length} managed policies in ${details.pages} page(s)`,
    );
  },
};

function reportAttributes(row: CredentialReportRow): Partial<ResourceOf<"aws.iam.user">["attributes"]> {
  return {
    ...(row.passwordEnabled !== undefined ? { passwordEnabled: row.passwordEnabled } : {}),
    passwordLastUsedAt: row.passwordLastUsedAt,
    passwordLastChangedAt: row.passwordLastChangedAt,
    mfaActive: row.mfaActive,
    accessKeys: row.accessKeys,
  };
}

function rootResource(accountId: string, row: CredentialReportRow): ResourceOf<"aws.iam.root"> {
  const arn = row.arn || `arn:aws:iam::${accountId}:root`;
  return {
    type: "aws.iam.root",
    id: arn,
    name: "root",
    scope: accountId,
    region: "global",
    attributes: {
      arn,
      mfaActive: row.mfaActive,
      passwordLastUsedAt: row.passwordLastUsedAt,
      accessKeys: row.accessKeys,
    },
  };
}
