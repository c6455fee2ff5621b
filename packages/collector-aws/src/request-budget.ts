// The request-rate budget of a run: one token bucket that every AWS client of the run draws on, one
// token per HTTP attempt (retries included). With --org the collectors of all accounts share it, so
// reading eight accounts at once never sends more than the configured rate in total, however many
// accounts, regions and services are in flight. The bucket is `limiter`'s (FIFO: no account starves).
import { RateLimiter } from "limiter";

export class RequestBudget {
  private readonly limiter: RateLimiter;
  private waitedMs = 0;
  private takenCount = 0;

  constructor(readonly requestsPerSecond: number) {
    if (!(requestsPerSecond > 0)) throw new RangeError("requestsPerSecond must be positive");
    this.limiter = new RateLimiter({ tokensPerInterval: requestsPerSecond, interval: "second" });
  }

  /** Resolves when a request may go; waits while the bucket is empty. */
  async take(): Promise<void> {
    this.takenCount++;
    if (this.limiter.tryRemoveTokens(1)) return;
    const started = Date.now();
    await this.limiter.removeTokens(1);
    this.waitedMs += Date.now() - started;
  }

  /** Requests (HTTP attempts) that went through the budget. */
  get taken(): number {
    return this.takenCount;
  }

  /** Milliseconds requests spent waiting for a token, summed over every request (for the stats). */
  get waited(): number {
    return this.waitedMs;
  }
}
