import { ACCOUNT, draftOf, gap, TRAIL_ARN } from "./fixtures";
import rule from "./logging-cloudtrail-multi-region";
import { tester } from "./tester";

tester.run(rule, {
  valid: [{ name: "a logging multi-region trail" }],
  invalid: [
    {
      name: "only a single-region trail",
      change: (d) => {
        draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes.multiRegion = false;
      },
      errors: [{ messageId: "singleRegionOnly", resource: ACCOUNT }],
    },
    {
      name: "the multi-region trail is stopped",
      change: (d) => {
        draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes.logging = false;
      },
      errors: [{ messageId: "noLoggingTrail", resource: ACCOUNT }],
    },
    {
      name: "no trail at all",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.type !== "aws.cloudtrail.trail");
      },
      errors: [{ messageId: "noLoggingTrail", resource: ACCOUNT }],
    },
  ],
  unknown: [
    {
      name: "a region's trails could not be listed",
      change: (d) => {
        draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes.multiRegion = false;
        d.sources[0]!.gaps.push(gap("aws.cloudtrail.trail", "DescribeTrails", "eu-west-1"));
      },
      resources: [ACCOUNT],
    },
    {
      name: "the multi-region trail's status was not read",
      change: (d) => {
        draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes.logging = undefined;
      },
      resources: [ACCOUNT],
    },
  ],
});
