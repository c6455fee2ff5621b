// A loopback CloudTrail endpoint that answers LookupEvents — moto has no LookupEvents. It speaks the
// service's JSON protocol (awsJson1_1, `X-Amz-Target: CloudTrail_20131101.LookupEvents`) to the real
// SDK client, answers from an archive's management events newest first, 50 a page with NextToken,
// and throttles above 2 requests/s per account and region with HTTP 400 ThrottlingException as AWS
// does, so the client's paging, rate limit and backoff are tested over real HTTP.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { CloudTrailEvent } from "@itaku/core";

/** The SDK sends `CloudTrail_20131101.LookupEvents`; AWS's API reference shows it with the namespace. */
const TARGET = /^(com\.amazonaws\.cloudtrail\.v20131101\.)?CloudTrail_20131101\.LookupEvents$/;
const MAX_PAGE = 50;

export interface LookupEventsServerOptions {
  /** The archive's events; only management events are served, each in the region it names. */
  events: Iterable<CloudTrailEvent>;
  /** Requests per second per account and region before ThrottlingException (AWS: 2). */
  requestsPerSecond?: number;
  /** Regions whose requests are refused with AccessDeniedException (an SCP denying a region). */
  deniedRegions?: readonly string[];
  /**
   * Where every other request goes (moto's endpoint): with it, one AWS_ENDPOINT_URL serves the CLI's
   * LookupEvents here and its other calls (STS GetCallerIdentity…) from moto, passed through as sent.
   */
  upstream?: string;
  /**
   * The account an access key stands for (moto's assumed-role sessions, say): with it each account
   * is served only its own events (recipientAccountId), as LookupEvents answers per account; a key
   * of no known account is refused with AccessDeniedException.
   */
  accountOf?: (accessKeyId: string) => Promise<string | undefined>;
}

export interface LookupEventsRequestLog {
  /** Milliseconds since the server started. */
  at: number;
  region: string;
  throttled: boolean;
}

export interface LookupEventsServer {
  endpoint: string;
  /** Every request received, throttled ones included, in arrival order. */
  requests: LookupEventsRequestLog[];
  /** The requests passed to `upstream`: their X-Amz-Target (JSON protocols) and body, as sent. */
  forwarded: { target?: string; body: string }[];
  /** The most requests any one region answered in a sliding second (half-open window). */
  maxPerSecond(region?: string): number;
  stop(): Promise<void>;
}

interface ServedEvent {
  time: number;
  region: string;
  account?: string;
  wire: Record<string, unknown>;
}

/** The management events a LookupEvents call can return (not data, Insight or network activity events). */
export function isManagementEvent(event: CloudTrailEvent): boolean {
  if (event.managementEvent === false) return false;
  const category = event.eventCategory ?? "Management";
  return category === "Management" && event.eventType !== "AwsCloudTrailInsight";
}

/** An event as LookupEvents returns it: a few top-level fields plus the whole record as a string. */
function toLookupEvent(event: CloudTrailEvent): Record<string, unknown> {
  const identity = event.userIdentity;
  const username = identity.userName ?? identity.sessionContext?.sessionIssuer?.userName;
  return {
    EventId: event.eventID,
    EventName: event.eventName,
    ReadOnly: String(event.readOnly ?? false),
    ...(identity.accessKeyId ? { AccessKeyId: identity.accessKeyId } : {}),
    EventTime: Date.parse(event.eventTime) / 1000,
    EventSource: event.eventSource,
    ...(username ? { Username: username } : {}),
    Resources: (event.resources ?? []).map((r) => ({ ResourceType: r.type, ResourceName: r.ARN })),
    CloudTrailEvent: JSON.stringify(event),
  };
}

/**
 * The access key and region a SigV4-signed request was signed with
 * (`Credential=AKID/DATE/REGION/SERVICE/aws4_request`); the key stands for the account here.
 */
function signedScope(request: IncomingMessage): { key: string; region: string } | undefined {
  const match = /Credential=([^/]+)\/\d{8}\/([a-z0-9-]+)\//.exec(request.headers.authorization ?? "");
  return match ? { key: match[1] as string, region: match[2] as string } : undefined;
}

function reply(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  response.writeHead(status, {
    "content-type": "application/x-amz-json-1.1",
    "x-amzn-requestid": `req-${Math.random().toString(16).slice(2)}`,
    ...(errorType ? { "x-amzn-errortype": errorType } : {}),
  });
  response.end(JSON.stringify(body));
}

/**
 * Passes a request to `upstream` unchanged, its Host header included: moto checks the SigV4 signature
 * when authorization is on, and the signature covers the host the client signed for.
 */
function forward(upstream: string, request: IncomingMessage, body: string, response: ServerResponse): void {
  const target = new URL(request.url ?? "/", upstream);
  const headers = { ...request.headers, "content-length": String(Buffer.byteLength(body)) };
  const outgoing = httpRequest(target, { method: request.method ?? "GET", headers }, (answer) => {
    const chunks: Buffer[] = [];
    answer.on("data", (chunk: Buffer) => chunks.push(chunk));
    answer.on("end", () => {
      const type = answer.headers["content-type"];
      response.writeHead(answer.statusCode ?? 502, type ? { "content-type": type } : {});
      response.end(Buffer.concat(chunks));
    });
  });
  outgoing.on("error", (error: Error) => {
    response.writeHead(502);
    response.end(error.message);
  });
  outgoing.end(request.method === "GET" || request.method === "HEAD" ? undefined : body);
}

export async function startLookupEventsServer(
  options: LookupEventsServerOptions,
): Promise<LookupEventsServer> {
  const perRegion = new Map<string, ServedEvent[]>();
  for (const event of options.events) {
    if (!isManagementEvent(event)) continue;
    const list = perRegion.get(event.awsRegion) ?? [];
    list.push({
      time: Date.parse(event.eventTime),
      region: event.awsRegion,
      ...(event.recipientAccountId ? { account: event.recipientAccountId } : {}),
      wire: toLookupEvent(event),
    });
    perRegion.set(event.awsRegion, list);
  }
  // Newest first, as LookupEvents pages; the event id breaks ties so pages are stable.
  for (const list of perRegion.values())
    list.sort((a, b) => b.time - a.time || String(a.wire.EventId).localeCompare(String(b.wire.EventId)));

  const rate = options.requestsPerSecond ?? 2;
  // Accepted requests' times per account and region: more than `rate` in a sliding second is throttled.
  const accepted = new Map<string, number[]>();
  const started = performance.now();
  const requests: LookupEventsRequestLog[] = [];
  const forwarded: LookupEventsServer["forwarded"] = [];

  const handle = async (request: IncomingMessage, body: string, response: ServerResponse): Promise<void> => {
    const scope = signedScope(request);
    if (options.upstream && !TARGET.test(String(request.headers["x-amz-target"]))) {
      const target = request.headers["x-amz-target"];
      forwarded.push({ ...(typeof target === "string" ? { target } : {}), body });
      forward(options.upstream, request, body, response);
      return;
    }
    if (!TARGET.test(String(request.headers["x-amz-target"])) || !scope) {
      reply(response, 400, {
        __type: "UnknownOperationException",
        message: "only LookupEvents is served here",
      });
      return;
    }
    const { region } = scope;
    const at = performance.now() - started;
    const window = accepted.get(`${scope.key}/${region}`) ?? [];
    while (window.length && at - (window[0] as number) >= 1000) window.shift();
    const throttled = window.length >= rate;
    if (!throttled) window.push(at);
    accepted.set(`${scope.key}/${region}`, window);
    requests.push({ at, region, throttled });
    if (throttled) {
      reply(
        response,
        400,
        { __type: "ThrottlingException", message: "Rate exceeded" },
        "ThrottlingException",
      );
      return;
    }
    if (options.deniedRegions?.includes(region)) {
      reply(
        response,
        400,
        { __type: "AccessDeniedException", message: `denied in ${region}` },
        "AccessDeniedException",
      );
      return;
    }
    let input: {
      StartTime?: number;
      EndTime?: number;
      MaxResults?: number;
      NextToken?: string;
      LookupAttributes?: unknown[];
    };
    try {
      input = JSON.parse(body);
    } catch {
      reply(response, 400, { __type: "SerializationException", message: "body is not JSON" });
      return;
    }
    if (input.LookupAttributes?.length) {
      reply(response, 400, { __type: "InvalidLookupAttributesException", message: "not served here" });
      return;
    }
    const max = input.MaxResults ?? MAX_PAGE;
    if (max < 1 || max > MAX_PAGE) {
      reply(response, 400, { __type: "InvalidMaxResultsException", message: "MaxResults must be 1-50" });
      return;
    }
    const from = input.StartTime === undefined ? -Infinity : input.StartTime * 1000;
    const to = input.EndTime === undefined ? Infinity : input.EndTime * 1000;
    let account: string | undefined;
    if (options.accountOf) {
      account = await options.accountOf(scope.key);
      if (!account) {
        reply(
          response,
          400,
          { __type: "AccessDeniedException", message: `no account for ${scope.key}` },
          "AccessDeniedException",
        );
        return;
      }
    }
    const matching = (perRegion.get(region) ?? []).filter(
      (e) => e.time >= from && e.time <= to && (account === undefined || e.account === account),
    );
    const query = `${from}:${to}`;
    let offset = 0;
    if (input.NextToken) {
      const [tokenQuery, tokenOffset] = Buffer.from(input.NextToken, "base64url").toString("utf8").split("|");
      if (tokenQuery !== query || !/^\d+$/.test(tokenOffset ?? "")) {
        reply(response, 400, { __type: "InvalidNextTokenException", message: "token does not match" });
        return;
      }
      offset = Number(tokenOffset);
    }
    const page = matching.slice(offset, offset + max);
    const next = offset + max < matching.length ? offset + max : undefined;
    reply(response, 200, {
      Events: page.map((e) => e.wire),
      ...(next !== undefined ? { NextToken: Buffer.from(`${query}|${next}`).toString("base64url") } : {}),
    });
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      handle(request, Buffer.concat(chunks).toString("utf8"), response).catch((error: Error) => {
        response.writeHead(500);
        response.end(error.message);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    forwarded,
    maxPerSecond(region?: string): number {
      const times = requests.filter((r) => !region || r.region === region).map((r) => r.at);
      let most = 0;
      for (let i = 0, j = 0; j < times.length; j++) {
        while ((times[j] as number) - (times[i] as number) >= 1000) i++;
        most = Math.max(most, j - i + 1);
      }
      return most;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
