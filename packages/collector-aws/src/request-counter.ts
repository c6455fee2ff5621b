// Counting requests per operation, shared by the clients (client.ts) and the role credentials
// (credentials.ts) without either importing the other.

/** Counts HTTP requests per operation (every attempt, retries included), for stats and the budget. */
export class RequestCounter {
  private readonly counts = new Map<string, number>();

  record(operation: string): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  get total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** `{ "requests.iam:GetCredentialReport": 2, … }`, keys sorted. */
  toStats(): Record<string, number> {
    return Object.fromEntries(
      [...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([op, n]) => [`requests.${op}`, n]),
    );
  }
}
