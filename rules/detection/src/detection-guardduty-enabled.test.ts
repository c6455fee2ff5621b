import rule from "./detection-guardduty-enabled";
import { draftOf, GUARDDUTY } from "./fixtures";
import { tester } from "./tester";

const guardDuty = (d: Parameters<typeof draftOf>[0]) =>
  draftOf(d, "aws.guardduty.status", GUARDDUTY).attributes;

tester.run(rule, {
  valid: [
    { name: "enabled with S3 protection" },
    {
      name: "runtime monitoring required and on",
      options: { requiredFeatures: ["S3_DATA_EVENTS", "RUNTIME_MONITORING"] },
    },
  ],
  invalid: [
    {
      name: "no detector",
      change: (d) => {
        Object.assign(guardDuty(d), { detectorId: null, status: undefined, features: undefined });
      },
      errors: [{ messageId: "noDetector", resource: GUARDDUTY }],
    },
    {
      name: "suspended detector",
      change: (d) => {
        guardDuty(d).status = "DISABLED";
      },
      errors: [{ messageId: "suspended", resource: GUARDDUTY }],
    },
    {
      name: "S3 protection off",
      change: (d) => {
        guardDuty(d).features = [{ name: "S3_DATA_EVENTS", status: "DISABLED" }];
      },
      errors: [{ messageId: "featureOff", resource: GUARDDUTY }],
    },
    {
      name: "required runtime monitoring missing",
      options: { requiredFeatures: ["EBS_MALWARE_PROTECTION"] },
      errors: [{ messageId: "featureOff", resource: GUARDDUTY }],
    },
  ],
  unknown: [
    {
      name: "detectors not read",
      change: (d) => {
        Object.assign(guardDuty(d), { detectorId: undefined, status: undefined, features: undefined });
      },
      resources: [GUARDDUTY],
    },
    {
      name: "detector not read",
      change: (d) => {
        guardDuty(d).status = undefined;
      },
      resources: [GUARDDUTY],
    },
  ],
});
