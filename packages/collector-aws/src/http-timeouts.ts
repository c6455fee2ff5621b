// Nothing hangs: every SDK request has a connection and a request timeout, and every request of one
// AWS source shares one deadline, after which what is still pending is abandoned and becomes a gap.
import { setMaxListeners } from "node:events";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from "@smithy/types";

export interface AwsTimeouts {
  /** Time allowed to open a TCP (and TLS) connection. */
  connectMs: number;
  /** Time allowed for a response to start, and for a silent socket while it streams. */
  requestMs: number;
  /** The whole source: credentials, every collector, every retry. */
  deadlineMs: number;
}

export const DEFAULT_TIMEOUTS: AwsTimeouts = {
  connectMs: 5_000,
  requestMs: 30_000,
  deadlineMs: 30 * 60_000,
};

/** Raised for a request still pending (or not yet sent) when the source's deadline passes. */
export class DeadlineExceededError extends Error {
  override readonly name = "DeadlineExceeded";
  readonly code = "DeadlineExceeded";
  constructor(deadlineMs: number) {
    super(`the AWS source's deadline of ${deadlineMs / 1000} s passed before AWS answered`);
  }
}

/** One source's deadline: a signal that aborts every request once it passes. */
export class SourceDeadline {
  readonly signal: AbortSignal;
  private readonly endsAt: number;

  constructor(readonly deadlineMs: number) {
    this.signal = AbortSignal.timeout(deadlineMs);
    // Every request in flight listens to this one signal; more than Node's default of 10 is expected,
    // and the warning it would print on stderr is noise to the user.
    setMaxListeners(0, this.signal);
    this.endsAt = Date.now() + deadlineMs;
  }

  get passed(): boolean {
    return this.signal.aborted;
  }

  /** Whether waiting `ms` more would end past the deadline (a retry that would be cut off anyway). */
  wouldPass(ms: number): boolean {
    return this.passed || Date.now() + ms >= this.endsAt;
  }
}

/** What the SDK needs of a request handler; NodeHttpHandler and the tests' fakes both fit. */
interface AnyHttpHandler {
  handle(request: never, options?: HttpHandlerOptions): Promise<{ response: unknown }>;
  destroy?: () => void;
  updateHttpClientConfig?: (key: never, value: never) => void;
  httpHandlerConfigs?: () => Record<string, unknown>;
}

/**
 * The request handler of every client: Node's HTTP handler with the timeouts (or a test's fake
 * handler), each request also aborted by the source's deadline.
 */
export function timedRequestHandler(
  timeouts: AwsTimeouts,
  deadline: SourceDeadline,
  inner?: unknown,
): RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> &
  Pick<AnyHttpHandler, "updateHttpClientConfig" | "httpHandlerConfigs"> {
  const handler =
    (inner as AnyHttpHandler | undefined) ??
    (new NodeHttpHandler({
      connectionTimeout: timeouts.connectMs,
      requestTimeout: timeouts.requestMs,
      // Without this the SDK only logs a warning when requestTimeout passes, and keeps waiting.
      throwOnRequestTimeout: true,
      socketTimeout: timeouts.requestMs,
    }) as unknown as AnyHttpHandler);
  return {
    async handle(request: HttpRequest, options: HttpHandlerOptions = {}) {
      if (deadline.passed) throw new DeadlineExceededError(deadline.deadlineMs);
      const signal = options.abortSignal
        ? AbortSignal.any([options.abortSignal as AbortSignal, deadline.signal])
        : deadline.signal;
      try {
        const out = await handler.handle(request as never, { ...options, abortSignal: signal });
        return out as { response: HttpResponse };
      } catch (error) {
        if (deadline.passed) throw new DeadlineExceededError(deadline.deadlineMs);
        throw error;
      }
    },
    destroy: () => handler.destroy?.(),
    updateHttpClientConfig: (key: never, value: never) => handler.updateHttpClientConfig?.(key, value),
    httpHandlerConfigs: () => handler.httpHandlerConfigs?.() ?? {},
  };
}
