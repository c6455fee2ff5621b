import { DetectionTester } from "@itaku/rule-tester";
import detection from "./access-privilege-change";
import {
  ACCOUNT,
  apiCall,
  identities,
  STRANGER_ACCOUNT,
  SUBCONTRACTOR_ACCOUNT,
  tester,
  workday,
} from "./fixtures";

const iam = (
  who: ReturnType<typeof identities.iamUser>,
  name: string,
  params: Record<string, unknown>,
  extra = {},
) =>
  apiCall(who, workday(15), "iam.amazonaws.com", name, {
    readOnly: false,
    requestParameters: params,
    ...extra,
  });
const suzuki = identities.iamUser("suzuki");
const sato = identities.iamUser("sato");
const trust = (principal: unknown) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }],
  });

new DetectionTester(tester).run(detection, {
  valid: [
    { name: "the compliant month (the admin creates a user)" },
    {
      name: "an admin attaches AdministratorAccess",
      change: (d) =>
        d.events.push(
          iam(sato, "AttachUserPolicy", {
            userName: "yamada",
            policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
          }),
        ),
    },
    {
      name: "a member attaches a read-only policy",
      change: (d) =>
        d.events.push(
          iam(suzuki, "AttachRolePolicy", {
            roleName: "app",
            policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
          }),
        ),
    },
    {
      name: "a member's key creation that was denied",
      change: (d) =>
        d.events.push(iam(suzuki, "CreateAccessKey", { userName: "suzuki" }, { errorCode: "AccessDenied" })),
    },
    {
      name: "trust to the approved subcontractor",
      change: (d) =>
        d.events.push(
          iam(sato, "UpdateAssumeRolePolicy", {
            roleName: "log-monitoring",
            policyDocument: trust({ AWS: `arn:aws:iam::${SUBCONTRACTOR_ACCOUNT}:root` }),
          }),
        ),
    },
  ],
  invalid: [
    {
      name: "a member creates an access key",
      change: (d) => d.events.push(iam(suzuki, "CreateAccessKey", { userName: "suzuki" })),
      errors: [{ messageId: "credentialsCreated", subject: "P003" }],
    },
    {
      name: "a member attaches AdministratorAccess",
      change: (d) =>
        d.events.push(
          iam(suzuki, "AttachUserPolicy", {
            userName: "suzuki",
            policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
          }),
        ),
      errors: [{ messageId: "adminPolicyAttached", subject: "P003" }],
    },
    {
      name: "an unmatched principal puts an inline Action * policy",
      change: (d) =>
        d.events.push(
          iam(identities.iamUser("svc-deploy"), "PutRolePolicy", {
            roleName: "app",
            policyName: "all",
            policyDocument: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
          }),
        ),
      errors: [{ messageId: "adminPolicyAttached", subject: `arn:aws:iam::${ACCOUNT}:user/svc-deploy` }],
    },
    {
      name: "even an admin may not open trust to a stranger's account",
      change: (d) =>
        d.events.push(
          iam(sato, "UpdateAssumeRolePolicy", {
            roleName: "ops",
            policyDocument: trust({ AWS: STRANGER_ACCOUNT }),
          }),
        ),
      errors: [{ messageId: "trustWidened", subject: "P002" }],
    },
    {
      name: "a role created trusting everyone",
      change: (d) =>
        d.events.push(
          iam(suzuki, "CreateRole", {
            roleName: "open",
            assumeRolePolicyDocument: encodeURIComponent(trust("*")),
          }),
        ),
      errors: [{ messageId: "trustWidened", subject: "P003" }],
    },
  ],
});
