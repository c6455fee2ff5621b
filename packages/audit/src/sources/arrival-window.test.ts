// The arrival window holds the limit at the server whatever the delays: requests whose way to the
// server takes anywhere from 0 to 400 ms (a busy machine) never arrive 3 in one second.
import { ArrivalWindow } from "./arrival-window";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("no 3 arrivals within a second, with random delays before and after the server sees a request", async () => {
  const window = new ArrivalWindow(2, 1000, 5);
  const arrivals: number[] = [];
  // Deterministic "random" delays: a linear congruential sequence.
  let seed = 7;
  const delay = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % 400;
  };
  const request = async () => {
    const answered = await window.enter();
    await sleep(delay()); // on the way to the server
    arrivals.push(performance.now());
    await sleep(delay()); // on the way back
    answered();
  };
  // Two callers sharing the window, as two commands of one process would.
  await Promise.all(
    [0, 1].map(async () => {
      for (let i = 0; i < 6; i++) await request();
    }),
  );
  arrivals.sort((a, b) => a - b);
  for (let i = 2; i < arrivals.length; i++)
    expect(arrivals[i]! - arrivals[i - 2]!).toBeGreaterThanOrEqual(1000);
  expect(arrivals).toHaveLength(12);
}, 30_000);

test("an abort while waiting rejects", async () => {
  const window = new ArrivalWindow(1, 60_000, 5);
  await window.enter(); // never answered: the next one waits
  const abort = new AbortController();
  const waiting = window.enter(abort.signal);
  abort.abort(new Error("stopped"));
  await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
});
