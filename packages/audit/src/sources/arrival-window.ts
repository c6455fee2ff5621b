// A request-rate limit that holds however late requests reach the server. Spacing requests when
// they leave (a token bucket) is not enough on a busy machine: a request delayed between the token
// and the wire (or at the server) lands close to the next one, and three land in one second. Here a
// request may start only while fewer than `limit` earlier requests are still in flight or answered
// less than `windowMs` ago. The server saw each earlier request before answering it, so any
// `limit + 1` requests reach it more than `windowMs` apart, whatever the delays.
import { setTimeout as sleep } from "node:timers/promises";

interface Entry {
  /** When the answer came back (performance.now()); undefined while in flight. */
  answeredAt?: number;
}

export class ArrivalWindow {
  private readonly entries = new Set<Entry>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    /** How often to look again while an earlier request is still in flight. */
    private readonly pollMs = 10,
  ) {}

  /** Waits for a slot; call the returned function when the answer (or the error) came back. */
  async enter(signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      const now = performance.now();
      let wait = Number.POSITIVE_INFINITY;
      for (const entry of this.entries) {
        if (entry.answeredAt === undefined) wait = Math.min(wait, this.pollMs);
        else if (entry.answeredAt <= now - this.windowMs) this.entries.delete(entry);
        else wait = Math.min(wait, entry.answeredAt + this.windowMs - now);
      }
      if (this.entries.size < this.limit) {
        const entry: Entry = {};
        this.entries.add(entry);
        return () => {
          entry.answeredAt ??= performance.now();
        };
      }
      await sleep(Math.max(1, Math.ceil(wait)), undefined, signal ? { signal } : {});
    }
  }
}
