import { ACCOUNT, draftOf, TRAIL_ARN } from "./fixtures";
import rule from "./logging-cloudtrail-management-events";
import { tester } from "./tester";

const trail = (d: Parameters<typeof draftOf>[0]) => draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes;

tester.run(rule, {
  valid: [
    { name: "basic selector, all management events" },
    {
      name: "advanced selector for management events, KMS excluded",
      change: (d) => {
        trail(d).eventSelectors = undefined;
        trail(d).advancedEventSelectors = [
          {
            name: "management",
            fieldSelectors: [
              { field: "eventCategory", equals: ["Management"] },
              { field: "eventSource", notEquals: ["kms.amazonaws.com"] },
            ],
          },
        ];
      },
    },
    {
      name: "advanced selectors split into read and write",
      change: (d) => {
        trail(d).advancedEventSelectors = [
          {
            fieldSelectors: [
              { field: "eventCategory", equals: ["Management"] },
              { field: "readOnly", equals: ["true"] },
            ],
          },
          {
            fieldSelectors: [
              { field: "eventCategory", equals: ["Management"] },
              { field: "readOnly", equals: ["false"] },
            ],
          },
        ];
      },
    },
  ],
  invalid: [
    {
      name: "write-only management events",
      change: (d) => {
        trail(d).eventSelectors = [{ readWriteType: "WriteOnly", includeManagementEvents: true }];
      },
      errors: [{ messageId: "missing", resource: ACCOUNT }],
    },
    {
      name: "data events only (basic)",
      change: (d) => {
        trail(d).eventSelectors = [{ readWriteType: "All", includeManagementEvents: false }];
      },
      errors: [{ messageId: "missing", resource: ACCOUNT }],
    },
    {
      name: "advanced selector narrowed to one event source",
      change: (d) => {
        trail(d).advancedEventSelectors = [
          {
            fieldSelectors: [
              { field: "eventCategory", equals: ["Management"] },
              { field: "eventSource", equals: ["s3.amazonaws.com"] },
            ],
          },
        ];
      },
      errors: [{ messageId: "missing", resource: ACCOUNT }],
    },
    {
      name: "the only trail is stopped",
      change: (d) => {
        trail(d).logging = false;
      },
      errors: [{ messageId: "missing", resource: ACCOUNT }],
    },
  ],
  unknown: [
    {
      name: "selectors not collected",
      change: (d) => {
        trail(d).eventSelectors = undefined;
      },
      resources: [ACCOUNT],
    },
  ],
});
