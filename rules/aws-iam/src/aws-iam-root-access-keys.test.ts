import rule from "./aws-iam-root-access-keys";
import { ACCOUNT, addGap, findIn, ROOT_ARN } from "./fixtures";
import { tester } from "./tester";

const rootKey = (active: boolean) => ({
  id: "access_key_1",
  active,
  createdAt: "2019-05-01T00:00:00Z",
  lastUsedAt: "2021-01-01T00:00:00Z",
});

tester.run(rule, {
  valid: [
    { name: "root has no keys" },
    {
      name: "root has only a deactivated key",
      change: (s) => {
        findIn(s, "aws.iam.root", ROOT_ARN).attributes.accessKeys = [rootKey(false)];
      },
    },
  ],
  invalid: [
    {
      name: "root has an active key",
      change: (s) => {
        findIn(s, "aws.iam.root", ROOT_ARN).attributes.accessKeys = [rootKey(true)];
      },
      errors: [{ messageId: "activeKey", resource: ACCOUNT }],
    },
  ],
  unknown: [
    {
      name: "the credential report could not be read",
      change: (s) => {
        s.resources = s.resources.filter((r) => r.type !== "aws.iam.root");
        addGap(s, "aws.iam.root", "GenerateCredentialReport", "ReportInProgress");
      },
      resources: [ACCOUNT],
    },
  ],
});
