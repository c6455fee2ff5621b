import { runBounded } from "./bounded";

/** A task that records how many tasks are running while it runs, then returns its index. */
function tracked(count: number, delays: readonly number[]) {
  let running = 0;
  let peak = 0;
  const tasks = Array.from({ length: count }, (_, index) => async () => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, delays[index % delays.length]));
    running--;
    return index;
  });
  return { tasks, peak: () => peak };
}

describe("runBounded", () => {
  it("keeps at most `limit` tasks in flight and returns results in task order", async () => {
    const { tasks, peak } = tracked(20, [15, 1, 8, 3]);
    expect(await runBounded(tasks, 4)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak()).toBe(4);
  });

  it("runs one at a time when the limit is below 1", async () => {
    const { tasks, peak } = tracked(5, [2]);
    expect(await runBounded(tasks, 0)).toEqual([0, 1, 2, 3, 4]);
    expect(peak()).toBe(1);
  });

  it("rejects with the first failure", async () => {
    const failing = [async () => 1, async () => Promise.reject(new Error("boom")), async () => 3];
    await expect(runBounded(failing, 2)).rejects.toThrow("boom");
  });

  it("answers an empty list at once", async () => {
    expect(await runBounded([], 4)).toEqual([]);
  });
});
