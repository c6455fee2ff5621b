import { draftOf, EBS_DEFAULT } from "./fixtures";
import rule from "./storage-ebs-encryption-by-default";
import { tester } from "./tester";

const ebs = (d: Parameters<typeof draftOf>[0]) =>
  draftOf(d, "aws.ec2.ebs-encryption-by-default", EBS_DEFAULT).attributes;

tester.run(rule, {
  valid: [
    { name: "on with the AWS managed key" },
    {
      name: "on with a customer key",
      change: (d) => {
        ebs(d).kmsKeyId = "arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
      },
    },
  ],
  invalid: [
    {
      name: "off",
      change: (d) => {
        ebs(d).enabled = false;
      },
      errors: [{ messageId: "off", resource: EBS_DEFAULT }],
    },
  ],
  unknown: [
    {
      name: "not read",
      change: (d) => {
        ebs(d).enabled = undefined;
      },
      resources: [EBS_DEFAULT],
    },
  ],
});
