import rule from "./detection-security-hub-standards";
import { draftOf, FSBP, SECURITY_HUB } from "./fixtures";
import { tester } from "./tester";

const hub = (d: Parameters<typeof draftOf>[0]) =>
  draftOf(d, "aws.securityhub.status", SECURITY_HUB).attributes;
const CIS = "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0";

tester.run(rule, {
  valid: [
    { name: "enabled with FSBP" },
    {
      name: "CIS required and enabled (old ruleset ARN)",
      options: { standards: ["aws-foundational-security-best-practices", "cis-aws-foundations-benchmark"] },
      change: (d) => {
        hub(d).standards?.push({ standardsArn: CIS, status: "READY" });
      },
    },
  ],
  invalid: [
    {
      name: "Security Hub off",
      change: (d) => {
        Object.assign(hub(d), { enabled: false, hubArn: undefined, standards: [] });
      },
      errors: [{ messageId: "disabled", resource: SECURITY_HUB }],
    },
    {
      name: "no standard enabled",
      change: (d) => {
        hub(d).standards = [];
      },
      errors: [{ messageId: "standardMissing", resource: SECURITY_HUB }],
    },
    {
      name: "standard failed to enable",
      change: (d) => {
        hub(d).standards = [{ standardsArn: FSBP, status: "FAILED" }];
      },
      errors: [{ messageId: "standardMissing", resource: SECURITY_HUB }],
    },
    {
      name: "required CIS missing",
      options: { standards: ["cis-aws-foundations-benchmark"] },
      errors: [{ messageId: "standardMissing", resource: SECURITY_HUB }],
    },
  ],
  unknown: [
    {
      name: "hub not read",
      change: (d) => {
        Object.assign(hub(d), { enabled: undefined, hubArn: undefined, standards: undefined });
      },
      resources: [SECURITY_HUB],
    },
    {
      name: "standards not read",
      change: (d) => {
        hub(d).standards = undefined;
      },
      resources: [SECURITY_HUB],
    },
  ],
});
