// The collectors' one concurrency limiter, on p-limit: the account's collector runs and the per-item
// reads inside a collector (trails, buckets, firewalls, SSM inventories) all go through it.
import pLimit from "p-limit";

/**
 * Runs the tasks with at most `limit` in flight (at least 1) and returns their results
 * in task order. Each task handles its own failures; one that throws rejects the whole run, as
 * Promise.all does, after the tasks already started have settled their own requests.
 */
export function runBounded<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const bounded = pLimit(Math.max(1, limit));
  return Promise.all(tasks.map((task) => bounded(task)));
}
