// The LookupEvents source over real HTTP: the SDK's CloudTrail client against the loopback server of
// test/harness/lookup-events-server.ts, which pages, throttles above 2 requests/s and counts requests.
import { AwsClients, RequestCounter } from "@itaku/collector-aws";
import type { CloudTrailEvent, EventSink } from "@itaku/core";
import {
  type LookupEventsServer,
  startLookupEventsServer,
} from "../../../../test/harness/lookup-events-server";
import { type LookupEventsReport, readLookupEvents } from "./lookup-events";

const ACCOUNT = "111122223333";
const FROM = new Date("2026-11-01T00:00:00Z");
const TO = new Date("2026-11-08T00:00:00Z");
const NOW = new Date("2026-11-30T00:00:00Z");

let serial = 0;
function event(region: string, time: string, fields: Partial<CloudTrailEvent> = {}): CloudTrailEvent {
  serial++;
  return {
    eventVersion: "1.09",
    userIdentity: {
      type: "IAMUser",
      userName: "alice",
      accountId: ACCOUNT,
      arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
    },
    eventTime: time,
    eventSource: "ec2.amazonaws.com",
    eventName: "DescribeInstances",
    awsRegion: region,
    sourceIPAddress: "203.0.113.10",
    eventID: `00000000-0000-4000-8000-${String(serial).padStart(12, "0")}`,
    readOnly: true,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: "Management",
    ...fields,
  };
}

/** `count` management events spread over the period in `region`, one an hour from the start. */
function hourly(region: string, count: number, fields: Partial<CloudTrailEvent> = {}): CloudTrailEvent[] {
  return Array.from({ length: count }, (_, i) =>
    event(region, new Date(FROM.getTime() + i * 3_600_000 + 1_000).toISOString().replace(".000", ""), fields),
  );
}

const tokyo = hourly("ap-northeast-1", 120);
const osaka = hourly("ap-northeast-3", 60);
const global = hourly("us-east-1", 30, { eventSource: "iam.amazonaws.com", eventName: "ListUsers" });
const virginiaRegional = hourly("us-east-1", 20);
const dataEvents = hourly("ap-northeast-1", 15, {
  eventSource: "s3.amazonaws.com",
  eventName: "GetObject",
  managementEvent: false,
  eventCategory: "Data",
});
const outsidePeriod = [
  event("ap-northeast-1", "2026-10-31T23:59:59Z"),
  event("ap-northeast-1", "2026-11-08T00:00:00Z"),
];
const archive = [...tokyo, ...osaka, ...global, ...virginiaRegional, ...dataEvents, ...outsidePeriod];

function collectingSink(): EventSink<string[]> & { events: CloudTrailEvent[] } {
  const events: CloudTrailEvent[] = [];
  return { events, add: (e) => events.push(e), state: () => events.map((e) => e.eventID) };
}

/** Clients for `account`: the server tells accounts apart by access key, as AWS does by credentials. */
function clientsFor(
  server: LookupEventsServer,
  account: string,
  retry?: { baseDelayMs: number; maxDelayMs: number },
): AwsClients {
  return new AwsClients({
    credentials: { accessKeyId: `AKIA${account}`, secretAccessKey: "itaku-test-secret-not-real" },
    endpoint: server.endpoint,
    counter: new RequestCounter(),
    ...(retry ? { retry: { maxAttempts: 10, otherMaxAttempts: 2, ...retry } } : {}),
  });
}

const ids = (events: CloudTrailEvent[]) => events.map((e) => e.eventID).sort();

describe("against a server that allows 2 requests/s, as AWS does", () => {
  let server: LookupEventsServer;
  let sink: ReturnType<typeof collectingSink>;
  let report: LookupEventsReport;

  beforeAll(async () => {
    server = await startLookupEventsServer({ events: archive });
    sink = collectingSink();
    const clients = clientsFor(server, ACCOUNT);
    report = await readLookupEvents({
      clients,
      account: ACCOUNT,
      regions: ["ap-northeast-1", "ap-northeast-3"],
      from: FROM,
      to: TO,
      now: NOW,
      sink,
    });
    clients.destroy();
  });
  afterAll(() => server.stop());

  test("every management event of the period in the asked regions, and the global events once", () => {
    expect(ids(sink.events)).toEqual(ids([...tokyo, ...osaka, ...global]));
    expect(report.gaps).toEqual([]);
    expect(report).toMatchObject({ kind: "lookup-events", accounts: [ACCOUNT], events: 210, malformed: 0 });
    expect(report.stats).toMatchObject({ throttled: 0 });
  });

  test("pages of 50 to the end of the period: ⌈events/50⌉ requests per region", () => {
    const perRegion = (region: string) => server.requests.filter((r) => r.region === region).length;
    expect(perRegion("ap-northeast-1")).toBe(3); // 120 events (the 2 outside the period are not in the window)
    expect(perRegion("ap-northeast-3")).toBe(2);
    expect(perRegion("us-east-1")).toBe(1); // 30 global + 20 regional events
    expect(report.stats).toMatchObject({ requests: 6, pages: 6 });
  });

  test("never more than 2 requests in any second per region, counted at the server; none throttled", () => {
    for (const region of ["ap-northeast-1", "ap-northeast-3", "us-east-1"])
      expect(server.maxPerSecond(region)).toBeLessThanOrEqual(2);
    expect(server.requests.filter((r) => r.throttled)).toEqual([]);
  });

  test("the report says what the event history cannot show", () => {
    expect(report.limits.join(" ")).toMatch(/management events only/);
    expect(report.limits.join(" ")).toMatch(/90 days/);
    expect(report.regions).toEqual(["ap-northeast-1", "ap-northeast-3"]);
  });
});

test("callers reading the same account and region at once share one token bucket", async () => {
  const server = await startLookupEventsServer({ events: archive });
  const clients = [clientsFor(server, "444455556666"), clientsFor(server, "444455556666")];
  try {
    const sinks = [collectingSink(), collectingSink()];
    const read = (i: number) =>
      readLookupEvents({
        clients: clients[i] as AwsClients,
        account: "444455556666",
        regions: ["ap-northeast-1"],
        from: FROM,
        to: TO,
        now: NOW,
        sink: sinks[i] as EventSink,
      });
    const reports = await Promise.all([read(0), read(1)]);
    expect(server.maxPerSecond("ap-northeast-1")).toBeLessThanOrEqual(2);
    expect(server.requests.filter((r) => r.throttled)).toHaveLength(0);
    for (const report of reports) expect(report.stats?.throttled).toBe(0);
    expect(ids(sinks[0]?.events ?? [])).toEqual(ids(sinks[1]?.events ?? []));
  } finally {
    for (const c of clients) c.destroy();
    await server.stop();
  }
});

test("throttled by a stricter server: backs off and retries, reads everything, counts the throttling", async () => {
  // 1 request/s at the server against the client's 2: about every other request is throttled.
  const server = await startLookupEventsServer({ events: archive, requestsPerSecond: 1 });
  const clients = clientsFor(server, "777788889999", { baseDelayMs: 200, maxDelayMs: 1_000 });
  try {
    const sink = collectingSink();
    const report = await readLookupEvents({
      clients,
      account: "777788889999",
      regions: ["ap-northeast-1"],
      from: FROM,
      to: TO,
      now: NOW,
      sink,
    });
    const throttledAtServer = server.requests.filter((r) => r.throttled).length;
    expect(throttledAtServer).toBeGreaterThan(0);
    expect(report.stats?.throttled).toBe(throttledAtServer);
    expect(report.gaps).toEqual([]);
    expect(ids(sink.events)).toEqual(ids([...tokyo, ...global]));
  } finally {
    clients.destroy();
    await server.stop();
  }
});

test("a refused region is a gap naming it; the other regions are still read", async () => {
  const server = await startLookupEventsServer({ events: archive, deniedRegions: ["ap-northeast-3"] });
  const clients = clientsFor(server, "123412341234");
  try {
    const sink = collectingSink();
    const report = await readLookupEvents({
      clients,
      account: "123412341234",
      regions: ["ap-northeast-1", "ap-northeast-3"],
      from: FROM,
      to: TO,
      now: NOW,
      sink,
    });
    expect(report.gaps).toEqual([
      expect.objectContaining({
        region: "ap-northeast-3",
        code: "AccessDenied",
        location: "lookup-events:ap-northeast-3",
      }),
    ]);
    expect(ids(sink.events)).toEqual(ids([...tokyo, ...global]));
  } finally {
    clients.destroy();
    await server.stop();
  }
});

test("a period reaching past 90 days is read from the oldest day available, with a gap saying so", async () => {
  const server = await startLookupEventsServer({ events: archive });
  const clients = clientsFor(server, "222233334444");
  try {
    const sink = collectingSink();
    const report = await readLookupEvents({
      clients,
      account: "222233334444",
      regions: ["ap-northeast-1"],
      from: FROM,
      to: TO,
      now: new Date("2027-02-03T00:00:00Z"), // 90 days back is 2026-11-05
      sink,
    });
    expect(report.gaps).toEqual([
      expect.objectContaining({ code: "OutsideRetention", to: "2026-11-05T00:00:00.000Z" }),
    ]);
    expect(sink.events.every((e) => e.eventTime >= "2026-11-05")).toBe(true);
    expect(sink.events.length).toBeGreaterThan(0);
  } finally {
    clients.destroy();
    await server.stop();
  }
});
