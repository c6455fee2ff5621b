import { ACCOUNT, draftOf, gap, TRAIL_ARN } from "./fixtures";
import rule from "./logging-cloudtrail-enabled";
import { tester } from "./tester";

const dropTrails = (d: { resources: { type: string }[] }) => {
  d.resources = d.resources.filter((r) => r.type !== "aws.cloudtrail.trail");
};

tester.run(rule, {
  valid: [{ name: "a logging trail" }],
  invalid: [
    {
      name: "an account with no trail fails rather than passing vacuously",
      change: (d) => dropTrails(d),
      errors: [{ messageId: "noTrail", resource: ACCOUNT }],
    },
    {
      name: "the only trail is stopped",
      change: (d) => {
        draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes.logging = false;
      },
      errors: [{ messageId: "noneLogging", resource: ACCOUNT }],
    },
  ],
  unknown: [
    {
      name: "no trail seen but DescribeTrails failed in a region",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.type !== "aws.cloudtrail.trail");
        d.sources[0]!.gaps.push(gap("aws.cloudtrail.trail", "DescribeTrails", "us-east-1"));
      },
      resources: [ACCOUNT],
    },
    {
      name: "trail status not collected",
      change: (d) => {
        draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes.logging = undefined;
      },
      resources: [ACCOUNT],
    },
  ],
});
