// What several detections keep per subject: how often, first and last time, a few examples. Plain
// objects in Maps so states clone across threads, merge by addition/min/max, and stay small.

import type { Identity } from "@itaku/core";
import { child, keepSmallest, type Subject, subjects } from "@itaku/core";

export interface Tally {
  count: number;
  first: number;
  last: number;
  /** A few event ids (the smallest, so merging stays order-independent). */
  examples: string[];
  /** Who or what it is about: person id + name, or principal key + label. */
  subject: Subject;
}

const EXAMPLES = 3;

/** The subject a person's or a principal's finding is about. */
export function subjectOf(identity: Identity, account: string | undefined): Subject {
  return identity.person
    ? subjects.person(identity.person)
    : subjects.principal(identity.key, identity.label, identity.accountId ?? account);
}

export function count(
  map: Map<string, Tally>,
  key: string,
  subject: () => Subject,
  ms: number,
  eventId: string,
): Tally {
  const tally = child(map, key, () => ({ count: 0, first: ms, last: ms, examples: [], subject: subject() }));
  tally.count++;
  if (ms < tally.first) tally.first = ms;
  if (ms > tally.last) tally.last = ms;
  if (tally.examples.length < EXAMPLES || eventId < tally.examples[tally.examples.length - 1]!)
    keepSmallest(tally.examples, [eventId], EXAMPLES);
  return tally;
}

export function mergeTallies(into: Map<string, Tally>, from: ReadonlyMap<string, Tally>): Map<string, Tally> {
  for (const [key, tally] of from) {
    const mine = into.get(key);
    if (!mine) into.set(key, tally);
    else {
      mine.count += tally.count;
      mine.first = Math.min(mine.first, tally.first);
      mine.last = Math.max(mine.last, tally.last);
      keepSmallest(mine.examples, tally.examples, EXAMPLES);
    }
  }
  return into;
}

export const iso = (ms: number): string => new Date(ms).toISOString().replace(".000Z", "Z");

/** Tallies in a stable order (by subject id), for reports. */
export const inOrder = (map: ReadonlyMap<string, Tally>): [string, Tally][] =>
  [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export function tallyEvidence(tally: Tally): Record<string, unknown> {
  return { count: tally.count, first: iso(tally.first), last: iso(tally.last), eventIds: tally.examples };
}

/** The response of a console sign-in: Success, Failure, or undefined for other events. */
export function consoleLoginOutcome(event: {
  eventName: string;
  responseElements?: unknown;
}): string | undefined {
  if (event.eventName !== "ConsoleLogin") return undefined;
  return (event.responseElements as { ConsoleLogin?: string } | null | undefined)?.ConsoleLogin ?? "Failure";
}

/** Shared factories, so folds pass a function instead of allocating a closure per event. */
export const newStringSet = (): Set<string> => new Set();
export const newCounts = <K>(): Map<K, number> => new Map();

const compiledGlobs = new WeakMap<readonly string[], (value: string) => boolean>();

/** Globs (`*` = any run of characters) as one case-insensitive test; compiled once per options array. */
export function globTest(patterns: readonly string[]): (value: string) => boolean {
  let test = compiledGlobs.get(patterns);
  if (!test) {
    test = compileGlobs(patterns);
    compiledGlobs.set(patterns, test);
  }
  return test;
}

function compileGlobs(patterns: readonly string[]): (value: string) => boolean {
  if (patterns.length === 0) return () => false;
  const expressions = patterns.map(
    (p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i"),
  );
  return (value) => expressions.some((e) => e.test(value));
}

const newStringList = (): string[] => [];

/** Adds `value` to the short list under `key` once (lists of roles, actors, targets: a handful each). */
export function addOnce(map: Map<string, string[]>, key: string, value: string): void {
  const list = child(map, key, newStringList);
  if (!list.includes(value)) list.push(value);
}

/** Merges short lists keyed alike, each value once. */
export function mergeLists(into: Map<string, string[]>, from: ReadonlyMap<string, string[]>): void {
  for (const [key, values] of from) for (const value of values) addOnce(into, key, value);
}

/**
 * Tallies keyed `${kind}\u0000${subject}`, worst kind first (by `priority`), one per subject: a subject
 * that saw several kinds of change is reported once, for the worst.
 */
export function worstPerSubject<K extends string>(
  map: ReadonlyMap<string, Tally>,
  priority: readonly K[],
  subjectOf: (key: string, tally: Tally) => string,
): { key: string; kind: K; tally: Tally }[] {
  const kindOf = (key: string) => key.slice(0, key.indexOf("\u0000")) as K;
  const ordered = inOrder(map).sort(([a], [b]) => priority.indexOf(kindOf(a)) - priority.indexOf(kindOf(b)));
  const reported = new Set<string>();
  const out: { key: string; kind: K; tally: Tally }[] = [];
  for (const [key, tally] of ordered) {
    const subject = subjectOf(key, tally);
    if (reported.has(subject)) continue;
    reported.add(subject);
    out.push({ key, kind: kindOf(key), tally });
  }
  return out;
}
