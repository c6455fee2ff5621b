// The directory source's deadline, as the AWS source has one: a server that answers every request
// just inside its timeout, page after page, must not keep a scan running for ever. Once the deadline
// passes, the request in flight and every later one fail with DeadlineExceeded, which the collector
// records as a gap (its rules answer unknown), like AccessDenied.
import type { Client } from "ldapts";

export class DeadlineExceededError extends Error {
  override readonly name = "DeadlineExceeded";
  readonly code = "DeadlineExceeded";
  constructor(seconds: number) {
    super(`the directory source's deadline of ${seconds} s passed before the server answered`);
  }
}

export class DirectoryDeadline {
  private readonly signal: AbortSignal;

  constructor(private readonly seconds: number) {
    this.signal = AbortSignal.timeout(Math.round(seconds * 1000));
  }

  /** `request`'s answer, or DeadlineExceeded as soon as the deadline passes (at once when it has). */
  async race<T>(request: () => Promise<T>): Promise<T> {
    if (this.signal.aborted) throw new DeadlineExceededError(this.seconds);
    let onAbort = () => {};
    const passed = new Promise<never>((_, reject) => {
      onAbort = () => reject(new DeadlineExceededError(this.seconds));
      this.signal.addEventListener("abort", onAbort, { once: true });
    });
    const answer = request();
    // The request may still settle after the deadline won; its outcome no longer matters.
    answer.catch(() => undefined);
    try {
      return await Promise.race([answer, passed]);
    } finally {
      this.signal.removeEventListener("abort", onAbort);
    }
  }
}

/** The two calls the collector reads with, each bounded by the deadline. */
export type DirectorySearch = Pick<Client, "search" | "searchPaginated">;

export function searchWithin(client: Client, deadline: DirectoryDeadline): DirectorySearch {
  return {
    search: (base, options, controls) => deadline.race(() => client.search(base, options, controls)),
    async *searchPaginated(base, options, controls) {
      const pages = client.searchPaginated(base, options, controls);
      try {
        for (;;) {
          const next = await deadline.race(() => pages.next());
          if (next.done) return;
          yield next.value;
        }
      } finally {
        // Stop asking for pages; a page still in flight ends with the connection.
        pages.return(undefined).catch(() => undefined);
      }
    },
  };
}
