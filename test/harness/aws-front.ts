// A small HTTP front for moto: answers the few AWS operations moto lacks with canned responses and
// forwards every other request to moto untouched. Each test names the operations it answers itself.
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";

export interface FrontCall {
  /** The JSON-protocol operation from `x-amz-target` (e.g. `AmazonSSM.DescribeInstanceInformation`). */
  target?: string;
  method: string;
  path: string;
  body: string;
}

/** A canned answer (JSON body, status 200 unless given), or undefined to forward the call to moto. */
export type FrontAnswer = (
  call: FrontCall,
) => { status?: number; json: unknown; contentType?: string } | undefined;

export interface AwsFront {
  server: Server;
  endpoint: string;
  /** Operations the front answered itself, in order (`target` or `METHOD path`). */
  answered: string[];
  close(): Promise<void>;
}

export function startAwsFront(upstreamEndpoint: string, answer: FrontAnswer): Promise<AwsFront> {
  const upstream = new URL(upstreamEndpoint);
  const answered: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const target = req.headers["x-amz-target"];
      const call: FrontCall = {
        ...(typeof target === "string" ? { target } : {}),
        method: req.method ?? "GET",
        path: req.url ?? "/",
        body: body.toString("utf8"),
      };
      const canned = answer(call);
      if (canned) {
        answered.push(call.target ?? `${call.method} ${call.path}`);
        res.writeHead(canned.status ?? 200, {
          "content-type":
            canned.contentType ?? (call.target ? "application/x-amz-json-1.1" : "application/json"),
        });
        res.end(JSON.stringify(canned.json));
        return;
      }
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (reply) => {
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(res);
        },
      );
      forward.on("error", (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      forward.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        server,
        endpoint: `http://127.0.0.1:${port}`,
        answered,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
