// Normalized IAM Identity Center (successor of AWS SSO): the users and groups of its identity store,
// the permission sets, and which user or group holds which permission set in which account. One
// instance lives in one region of the management (or a delegated administrator) account; its
// resources carry the instance's region and the scanned account as scope.
import { z } from "zod";
import { policyDocument } from "./common";

const instance = {
  instanceArn: z.string(),
  identityStoreId: z.string(),
};

export const awsSsoUser = z.object({
  ...instance,
  userId: z.string(),
  /** The sign-in name; CloudTrail names SSO role sessions after it. Often an e-mail address. */
  userName: z.string(),
  displayName: z.string().optional(),
  /** Every e-mail address of the user, lower-cased. */
  emails: z.array(z.string()),
  /** ENABLED | DISABLED; absent when the identity store did not say (older APIs, emulators). */
  status: z.enum(["ENABLED", "DISABLED"]).optional(),
  /** Ids of the groups the user belongs to; absent when memberships could not be read. */
  groupIds: z.array(z.string()).optional(),
});

export const awsSsoGroup = z.object({
  ...instance,
  groupId: z.string(),
  displayName: z.string(),
  description: z.string().optional(),
  /** User ids of the members; absent when the memberships could not be read. */
  memberUserIds: z.array(z.string()).optional(),
});

export const awsSsoCustomerManagedPolicyReference = z.object({
  name: z.string(),
  path: z.string().default("/"),
});

export const awsSsoPermissionSet = z.object({
  instanceArn: z.string(),
  permissionSetArn: z.string(),
  name: z.string(),
  description: z.string().optional(),
  /** ISO-8601 duration of the sessions it grants (PT1H…). */
  sessionDuration: z.string().optional(),
  /** AWS managed policies attached (ARNs); absent when not read. */
  managedPolicyArns: z.array(z.string()).optional(),
  /** The inline policy; null when it has none; absent when not read. */
  inlinePolicy: policyDocument.nullable().optional(),
  /** Customer managed policies it references by name (each account defines its own); absent when not read. */
  customerManagedPolicies: z.array(awsSsoCustomerManagedPolicyReference).optional(),
  /** The permissions boundary; null when it has none; absent when not read. */
  permissionsBoundary: z
    .object({
      managedPolicyArn: z.string().optional(),
      customerManagedPolicy: awsSsoCustomerManagedPolicyReference.optional(),
    })
    .nullable()
    .optional(),
  /** Accounts the permission set is provisioned to; absent when not read. */
  accountIds: z.array(z.string()).optional(),
});

/** A user or group holding a permission set in one account: it may sign in there with that role. */
export const awsSsoAccountAssignment = z.object({
  instanceArn: z.string(),
  accountId: z.string(),
  permissionSetArn: z.string(),
  principalType: z.enum(["USER", "GROUP"]),
  principalId: z.string(),
});
