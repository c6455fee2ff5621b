// Preload for the organisation bench (`node --import request-times.mjs itaku.mjs …`): times every HTTP
// request of the process from the request's start to its response's end, by AWS operation, and
// writes the table as one JSON line to stderr at exit (`itaku-bench-request-times=[…]`). Run on one
// account with `maxConcurrency: 1`, each request is alone on the server, so its time is what the
// server takes to answer that operation (plus a loopback round trip). Nothing here changes a request.
import http from "node:http";

const byOperation = new Map();
const request = http.request;

http.request = function timedRequest(...args) {
  const options = typeof args[0] === "object" && !(args[0] instanceof URL) ? args[0] : (args[1] ?? {});
  const headers = options.headers ?? {};
  const target = headers["x-amz-target"];
  // The service is the signing name in the SigV4 credential scope: AKIA…/20261130/us-east-1/ec2/aws4_request.
  const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(String(headers.authorization ?? ""))?.[1];
  // JSON protocols name the operation in X-Amz-Target, query protocols in the body's Action=, REST
  // ones only by method and path.
  let operation = target
    ? String(target).split(".").pop()
    : `${options.method ?? "GET"} ${String(options.path ?? "/").split("?")[0]}`;
  const started = performance.now();
  const outgoing = request.apply(this, args);
  const end = outgoing.end;
  outgoing.end = function endWithBody(body, ...rest) {
    const action = !target && body ? /(?:^|&)Action=([A-Za-z]+)/.exec(String(body))?.[1] : undefined;
    if (action) operation = action;
    return end.call(this, body, ...rest);
  };
  outgoing.on("response", (response) => {
    response.on("end", () => {
      const key = `${service ?? "?"}:${operation} ${response.statusCode}`;
      const entry = byOperation.get(key) ?? { operation: key, count: 0, totalMs: 0, maxMs: 0 };
      const ms = performance.now() - started;
      entry.count++;
      entry.totalMs += ms;
      entry.maxMs = Math.max(entry.maxMs, ms);
      byOperation.set(key, entry);
    });
  });
  return outgoing;
};

process.on("exit", () => {
  process.stderr.write(`\nitaku-bench-request-times=${JSON.stringify([...byOperation.values()])}\n`);
});
