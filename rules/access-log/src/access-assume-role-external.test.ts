import { DetectionTester } from "@itaku/rule-tester";
import detection from "./access-assume-role-external";
import {
  ACCOUNT,
  apiCall,
  identities,
  STRANGER_ACCOUNT,
  SUBCONTRACTOR_ACCOUNT,
  tester,
  workday,
} from "./fixtures";

const assume = (account: string, extra = {}) =>
  apiCall(identities.account(account), workday(21), "sts.amazonaws.com", "AssumeRole", {
    sourceIPAddress: "192.0.2.80",
    requestParameters: { roleArn: `arn:aws:iam::${ACCOUNT}:role/ops-admin`, roleSessionName: "x" },
    ...extra,
  });

new DetectionTester(tester).run(detection, {
  valid: [
    { name: "the compliant month (the approved subcontractor assumes its role)" },
    {
      name: "a refused AssumeRole gave no access",
      change: (d) => d.events.push(assume(STRANGER_ACCOUNT, { errorCode: "AccessDenied" })),
    },
  ],
  invalid: [
    {
      name: "a stranger's account assumes a role",
      change: (d) => d.events.push(assume(STRANGER_ACCOUNT)),
      errors: [{ messageId: "notApproved", subject: STRANGER_ACCOUNT }],
    },
    {
      name: "a role session of a stranger's account assumes a role",
      change: (d) => {
        const event = assume(STRANGER_ACCOUNT);
        event.userIdentity = identities.role("deployer", "ci", STRANGER_ACCOUNT);
        d.events.push(event);
      },
      errors: [{ messageId: "notApproved", subject: STRANGER_ACCOUNT }],
    },
    {
      name: "the subcontractor before its approval",
      change: (d) => {
        d.subcontractors[0]!.approvedAt = "2026-10-25";
      },
      errors: [{ messageId: "beforeApproval", subject: SUBCONTRACTOR_ACCOUNT }],
    },
  ],
});
