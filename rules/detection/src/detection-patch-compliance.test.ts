import rule from "./detection-patch-compliance";
import { draftOf, INSTANCE } from "./fixtures";
import { tester } from "./tester";

const patchState = (d: Parameters<typeof draftOf>[0]) =>
  draftOf(d, "aws.ssm.managed-instance", INSTANCE).attributes;

tester.run(rule, {
  valid: [
    { name: "patched, scanned two days ago" },
    {
      name: "pending reboot only",
      change: (d) => {
        patchState(d).patchState!.installedPendingRebootCount = 2;
      },
    },
  ],
  invalid: [
    {
      name: "missing critical patches",
      change: (d) => {
        Object.assign(patchState(d).patchState!, { missingCount: 3, criticalNonCompliantCount: 1 });
      },
      errors: [{ messageId: "missing", resource: INSTANCE }],
    },
    {
      name: "failed install",
      change: (d) => {
        patchState(d).patchState!.failedCount = 1;
      },
      errors: [{ messageId: "failed", resource: INSTANCE }],
    },
    {
      name: "never scanned",
      change: (d) => {
        patchState(d).patchState = null;
      },
      errors: [{ messageId: "neverScanned", resource: INSTANCE }],
    },
    {
      name: "last scan older than allowed",
      options: { maxDaysSinceScan: 1 },
      errors: [{ messageId: "stale", resource: INSTANCE }],
    },
  ],
  unknown: [
    {
      name: "patch state not read",
      change: (d) => {
        patchState(d).patchState = undefined;
      },
      resources: [INSTANCE],
    },
    {
      name: "no scan time",
      change: (d) => {
        patchState(d).patchState!.operationEndAt = undefined;
      },
      resources: [INSTANCE],
    },
  ],
});
