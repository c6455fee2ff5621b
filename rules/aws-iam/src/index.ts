import type { AnyRule } from "@itaku/core";
import awsIamAccessKeyRotation from "./aws-iam-access-key-rotation";
import awsIamAccessKeyUnused from "./aws-iam-access-key-unused";
import awsIamAdminMfaEnforced from "./aws-iam-admin-mfa-enforced";
import awsIamAdminNonAdmin from "./aws-iam-admin-non-admin";
import awsIamAssumeRoleAny from "./aws-iam-assume-role-any";
import awsIamPasswordPolicy from "./aws-iam-password-policy";
import awsIamPrivilegeEscalation from "./aws-iam-privilege-escalation";
import awsIamRoleTrustExternal from "./aws-iam-role-trust-external";
import awsIamRoleTrustExternalId from "./aws-iam-role-trust-external-id";
import awsIamRootAccessKeys from "./aws-iam-root-access-keys";
import awsIamRootMfa from "./aws-iam-root-mfa";
import awsIamRootUsedRecently from "./aws-iam-root-used-recently";
import awsIamUserConsoleStale from "./aws-iam-user-console-stale";
import awsIamUserDirectPolicy from "./aws-iam-user-direct-policy";
import awsIamUserMfa from "./aws-iam-user-mfa";
import awsIamUserTwoActiveKeys from "./aws-iam-user-two-active-keys";
import awsIamWildcardSensitive from "./aws-iam-wildcard-sensitive";
import awsSsoAdminNonAdmin from "./aws-sso-admin-non-admin";
import awsSsoGroupAssignmentUnowned from "./aws-sso-group-assignment-unowned";
import awsSsoUserLeaverActive from "./aws-sso-user-leaver-active";
import awsSsoUserUnmatched from "./aws-sso-user-unmatched";

/** The rules of this package, one per file; the file name equals the rule id. */
export const rules: AnyRule[] = [
  awsIamAccessKeyRotation,
  awsIamAccessKeyUnused,
  awsIamAdminMfaEnforced,
  awsIamAdminNonAdmin,
  awsIamPasswordPolicy,
  awsIamPrivilegeEscalation,
  awsIamRoleTrustExternal,
  awsIamRoleTrustExternalId,
  awsIamAssumeRoleAny,
  awsIamRootAccessKeys,
  awsIamRootMfa,
  awsIamRootUsedRecently,
  awsIamUserConsoleStale,
  awsIamUserDirectPolicy,
  awsIamUserMfa,
  awsIamUserTwoActiveKeys,
  awsIamWildcardSensitive,
  awsSsoAdminNonAdmin,
  awsSsoGroupAssignmentUnowned,
  awsSsoUserLeaverActive,
  awsSsoUserUnmatched,
];
