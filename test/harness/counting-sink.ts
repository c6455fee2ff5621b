// A sink for source tests and the benchmark: counts events per account/region/eventName and keeps
// an order-independent fingerprint of the event ids, so two reads can be compared exactly.
import type { CloudTrailEvent, EventSink, EventSinkModule } from "@itaku/core";

export interface CountingState {
  events: number;
  /** `account|region|eventSource|eventName` → count. */
  counts: Record<string, number>;
  /** Sum (mod 2^32) of a hash of every event id: equal sets of events give equal sums. */
  idSum: number;
}

let eventsBeforeCrash: number | undefined;
/** Makes in-process sinks throw after `events` more events (over all sinks): an interrupted run, for checkpoint tests. */
export function crashCountingSinkAfter(events: number | undefined): void {
  eventsBeforeCrash = events;
}

function idHash(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

const countingSink: EventSinkModule<{ byName?: boolean }, CountingState> = {
  create(init) {
    const state: CountingState = { events: 0, counts: {}, idSum: 0 };
    const sink: EventSink<CountingState> = {
      add(event: CloudTrailEvent) {
        if (eventsBeforeCrash !== undefined && eventsBeforeCrash-- <= 0)
          throw new Error("interrupted (test)");
        state.events++;
        state.idSum = (state.idSum + idHash(event.eventID)) >>> 0;
        if (init.byName === false) return;
        const key = `${event.recipientAccountId ?? ""}|${event.awsRegion}|${event.eventSource}|${event.eventName}`;
        state.counts[key] = (state.counts[key] ?? 0) + 1;
      },
      state: () => state,
    };
    return sink;
  },
  merge(into, from) {
    into.events += from.events;
    into.idSum = (into.idSum + from.idSum) >>> 0;
    for (const [key, n] of Object.entries(from.counts)) into.counts[key] = (into.counts[key] ?? 0) + n;
    return into;
  },
};

export default countingSink;
