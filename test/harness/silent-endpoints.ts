// Endpoints that accept connections and never answer: all of them (a black hole), or only the
// requests a predicate picks while the rest are passed on to a real server (moto).
import { once } from "node:events";
import { createServer as createHttpServer, request as httpRequest } from "node:http";
import { createServer, type Socket } from "node:net";

export interface SilentEndpoint {
  endpoint: string;
  /** Requests that were left without an answer. */
  swallowed: number;
  close(): Promise<void>;
}

function tracked(): { sockets: Set<Socket>; destroyAll(): void } {
  const sockets = new Set<Socket>();
  return {
    sockets,
    destroyAll: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** A TCP listener that accepts every connection, reads what comes and never writes a byte. */
export async function blackHole(): Promise<SilentEndpoint> {
  const open = tracked();
  const hole: SilentEndpoint = { endpoint: "", swallowed: 0, close: async () => {} };
  const server = createServer((socket) => {
    open.sockets.add(socket);
    socket.on("error", () => {});
    socket.once("data", () => hole.swallowed++);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  hole.endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  hole.close = async () => {
    open.destroyAll();
    server.close();
    await once(server, "close");
  };
  return hole;
}

/**
 * An HTTP proxy to `target` that never answers a request whose body matches `swallow` (say
 * `Action=GetAccountAuthorizationDetails`): only some calls hang, the others reach the real server.
 */
export async function swallowingProxy(target: string, swallow: RegExp): Promise<SilentEndpoint> {
  const open = tracked();
  const upstream = new URL(target);
  const proxy: SilentEndpoint = { endpoint: "", swallowed: 0, close: async () => {} };
  const server = createHttpServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (swallow.test(body.toString("utf8")) || swallow.test(request.url ?? "")) {
      proxy.swallowed++;
      return;
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on("error", () => response.destroy());
    forward.end(body);
  });
  server.on("connection", (socket) => {
    open.sockets.add(socket);
    socket.on("close", () => open.sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  proxy.endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  proxy.close = async () => {
    open.destroyAll();
    server.close();
    await once(server, "close");
  };
  return proxy;
}
