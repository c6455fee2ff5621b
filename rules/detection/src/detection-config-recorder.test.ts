import rule from "./detection-config-recorder";
import { CONFIG, draftOf } from "./fixtures";
import { tester } from "./tester";

const config = (d: Parameters<typeof draftOf>[0]) => draftOf(d, "aws.config.status", CONFIG).attributes;
const recorder = (d: Parameters<typeof draftOf>[0]) => config(d).recorders![0]!;

tester.run(rule, {
  valid: [
    { name: "recording everything, delivering" },
    {
      name: "never delivered yet (no status)",
      change: (d) => {
        config(d).deliveryChannels = [{ name: "default", s3BucketName: "vendor-config" }];
      },
    },
  ],
  invalid: [
    {
      name: "no recorder",
      change: (d) => {
        config(d).recorders = [];
      },
      errors: [{ messageId: "noRecorder", resource: CONFIG }],
    },
    {
      name: "recorder stopped",
      change: (d) => {
        recorder(d).recording = false;
      },
      errors: [{ messageId: "notRecording", resource: CONFIG }],
    },
    {
      name: "some resource types only",
      change: (d) => {
        recorder(d).allSupported = false;
      },
      errors: [{ messageId: "partial", resource: CONFIG }],
    },
    {
      name: "no delivery channel",
      change: (d) => {
        config(d).deliveryChannels = [];
      },
      errors: [{ messageId: "noDelivery", resource: CONFIG }],
    },
    {
      name: "delivery failing",
      change: (d) => {
        config(d).deliveryChannels![0]!.lastDeliveryStatus = "FAILURE";
      },
      errors: [{ messageId: "deliveryFailing", resource: CONFIG }],
    },
  ],
  unknown: [
    {
      name: "recorders not read",
      change: (d) => {
        config(d).recorders = undefined;
      },
      resources: [CONFIG],
    },
    {
      name: "recorder status not read",
      change: (d) => {
        recorder(d).recording = undefined;
      },
      resources: [CONFIG],
    },
  ],
});
