import { DetectionTester } from "@itaku/rule-tester";
import detection from "./access-confidential-data";
import { ACCOUNT, apiCall, identities, tester, workday } from "./fixtures";

const getObject = (who: ReturnType<typeof identities.iamUser>, bucket = "vendor-confidential", extra = {}) =>
  apiCall(who, workday(22), "s3.amazonaws.com", "GetObject", {
    managementEvent: false,
    eventCategory: "Data",
    requestParameters: { bucketName: bucket, key: "clients/list.xlsx" },
    ...extra,
  });

new DetectionTester(tester).run(detection, {
  valid: [
    { name: "the compliant month (the admin reads a contract)" },
    { name: "a member reads", change: (d) => d.events.push(getObject(identities.iamUser("suzuki"))) },
    {
      name: "briefings not checked when asked",
      change: (d) => {
        d.roster!.people[2]!.briefedAt = undefined;
        d.events.push(getObject(identities.iamUser("suzuki")));
      },
      options: { briefedWithinDays: 0 },
    },
    {
      name: "someone else's read of another bucket",
      change: (d) => d.events.push(getObject(identities.iamUser("svc-x"), "public-site")),
    },
    {
      name: "a refused read by a leaver",
      change: (d) =>
        d.events.push(
          getObject(identities.iamUser("tanaka"), "vendor-confidential", { errorCode: "AccessDenied" }),
        ),
    },
  ],
  invalid: [
    {
      name: "a leaver reads confidential data",
      change: (d) => d.events.push(getObject(identities.iamUser("tanaka"))),
      errors: [{ messageId: "notAllowed", subject: "P005" }],
    },
    {
      name: "a principal that is no one reads",
      change: (d) => d.events.push(getObject(identities.iamUser("svc-export"))),
      errors: [{ messageId: "notAllowed", subject: `arn:aws:iam::${ACCOUNT}:user/svc-export` }],
    },
    {
      name: "a member last briefed over a year before",
      change: (d) => {
        d.roster!.people[2]!.briefedAt = "2025-09-01";
        d.events.push(getObject(identities.iamUser("suzuki")));
      },
      errors: [{ messageId: "notAllowed", subject: "P003" }],
    },
    {
      name: "a role the options exclude",
      change: (d) => d.events.push(getObject(identities.iamUser("suzuki"))),
      options: { roles: ["manager", "admin"] },
      errors: [{ messageId: "notAllowed", subject: "P003" }],
    },
  ],
  unknown: [
    {
      name: "no data events at all: the trail may not record them",
      change: (d) => {
        d.events = d.events.filter((e) => e.eventCategory !== "Data");
      },
      subjects: ["2026-09-30T15:00:00.000Z/2026-10-31T15:00:00.000Z"],
    },
  ],
  notApplicable: [
    {
      name: "LookupEvents returns no data events",
      change: (d) => {
        d.coverage.dataEvents = false;
      },
    },
    {
      name: "no confidential bucket declared",
      change: (d) => {
        d.audit.confidentialBuckets = [];
      },
    },
  ],
});
