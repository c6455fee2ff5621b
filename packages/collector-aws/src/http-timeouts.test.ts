// Real sockets, real SDK clients: a TCP listener that accepts connections and never answers (or
// answers half a response and stalls) must end every call within the timeouts and the deadline.
import { once } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsClients, RequestCounter } from "./client";
import { DeadlineExceededError, SourceDeadline } from "./http-timeouts";

interface BlackHole {
  endpoint: string;
  /** Requests received (a request is counted when its first bytes arrive). */
  requests: number;
  close(): Promise<void>;
}

/** Accepts every connection and reads what comes; `answer` may write something, then nothing more. */
async function blackHole(answer?: (socket: Socket) => void): Promise<BlackHole> {
  const sockets = new Set<Socket>();
  const hole = { endpoint: "", requests: 0, close: async () => {} };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.once("data", () => {
      hole.requests++;
      answer?.(socket);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  hole.endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  hole.close = async () => {
    for (const socket of sockets) socket.destroy();
    server.close();
    await once(server, "close");
  };
  return hole;
}

const clientsFor = (
  endpoint: string,
  timeouts: { connectMs: number; requestMs: number; deadlineMs: number },
) =>
  new AwsClients({
    credentials: { accessKeyId: "AKIAITAKUTEST0000001", secretAccessKey: "test" },
    endpoint,
    counter: new RequestCounter(),
    retry: { maxAttempts: 8, otherMaxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20 },
    timeouts,
  });

const callerIdentity = (clients: AwsClients) =>
  clients.get(STSClient, "sts", "us-east-1").send(new GetCallerIdentityCommand({}));

let hole: BlackHole | undefined;
afterEach(async () => {
  await hole?.close();
  hole = undefined;
});

test("a server that accepts and never answers: the request times out, retried a bounded number of times", async () => {
  hole = await blackHole();
  const clients = clientsFor(hole.endpoint, { connectMs: 1_000, requestMs: 300, deadlineMs: 60_000 });
  await expect(callerIdentity(clients)).rejects.toMatchObject({ name: "TimeoutError" });
  expect(hole.requests).toBe(3);
  clients.destroy();
});

test("a response that starts and then stalls: the silent socket times out", async () => {
  hole = await blackHole((socket) =>
    socket.write(
      "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 500\r\n\r\n<GetCallerIdentity",
    ),
  );
  const clients = clientsFor(hole.endpoint, { connectMs: 1_000, requestMs: 300, deadlineMs: 60_000 });
  await expect(callerIdentity(clients)).rejects.toMatchObject({
    name: "TimeoutError",
    message: expect.stringContaining("inactivity"),
  });
  expect(hole.requests).toBe(3);
  clients.destroy();
});

test("the source's deadline ends a request the per-request timeout would still wait for", async () => {
  hole = await blackHole();
  const clients = clientsFor(hole.endpoint, { connectMs: 1_000, requestMs: 120_000, deadlineMs: 400 });
  const failure = await callerIdentity(clients).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(DeadlineExceededError);
  expect(failure).toMatchObject({ code: "DeadlineExceeded", message: expect.stringContaining("0.4 s") });
  // Once the deadline has passed, nothing more is sent.
  const sent = hole.requests;
  await expect(callerIdentity(clients)).rejects.toBeInstanceOf(DeadlineExceededError);
  expect(hole.requests).toBe(sent);
  clients.destroy();
});

test("no retry is started that could only begin after the deadline", () => {
  const deadline = new SourceDeadline(1_000);
  expect(deadline.wouldPass(10)).toBe(false);
  expect(deadline.wouldPass(5_000)).toBe(true);
});
