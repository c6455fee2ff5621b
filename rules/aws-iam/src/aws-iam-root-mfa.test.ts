import rule from "./aws-iam-root-mfa";
import { ACCOUNT, addGap, findIn, ROOT_ARN } from "./fixtures";
import { tester } from "./tester";

const requireHardware = { requireHardware: true };

tester.run(rule, {
  valid: [
    { name: "root has MFA" },
    {
      name: "a virtual device is MFA enough by default",
      change: (s) => {
        findIn(s, "aws.iam.root", ROOT_ARN).attributes.mfaDevice = "virtual";
      },
    },
    { name: "a hardware device where the config requires one", options: requireHardware },
  ],
  invalid: [
    {
      name: "root without MFA",
      change: (s) => {
        findIn(s, "aws.iam.root", ROOT_ARN).attributes.mfaActive = false;
        delete findIn(s, "aws.iam.root", ROOT_ARN).attributes.mfaDevice;
      },
      errors: [{ messageId: "noMfa", resource: ACCOUNT }],
    },
    {
      name: "a virtual device where the config requires hardware",
      options: requireHardware,
      change: (s) => {
        findIn(s, "aws.iam.root", ROOT_ARN).attributes.mfaDevice = "virtual";
      },
      errors: [{ messageId: "virtualMfa", resource: ACCOUNT }],
    },
  ],
  unknown: [
    {
      name: "the credential report could not be read",
      change: (s) => {
        s.resources = s.resources.filter((r) => r.type !== "aws.iam.root");
        addGap(s, "aws.iam.root", "GetCredentialReport");
      },
      resources: [ACCOUNT],
    },
    {
      name: "root missing without a gap",
      change: (s) => {
        s.resources = s.resources.filter((r) => r.type !== "aws.iam.root");
      },
      resources: [ACCOUNT],
    },
    {
      name: "hardware required, and the kind of device not read",
      options: requireHardware,
      change: (s) => {
        delete findIn(s, "aws.iam.root", ROOT_ARN).attributes.mfaDevice;
      },
      resources: [ACCOUNT],
    },
    {
      name: "hardware required, and ListVirtualMFADevices refused",
      options: requireHardware,
      change: (s) => {
        delete findIn(s, "aws.iam.root", ROOT_ARN).attributes.mfaDevice;
        addGap(s, "aws.iam.root", "ListVirtualMFADevices");
      },
      resources: [ACCOUNT],
    },
  ],
});
