// The `json` format: the Result contract itself, pretty-printed with a stable key order, so the same
// Result always gives the same bytes whatever order its objects were built in.
import { type Finding, type Result, resultSchema } from "@itaku/core";
import { escapeJsonInvisibles } from "./scanned-text";

/** The parts of a zod 4 schema definition the ordering reads (structurally, no zod import needed). */
interface SchemaNode {
  def: { type: string; shape?: Record<string, SchemaNode>; element?: SchemaNode; innerType?: SchemaNode };
}

/** How to order one value: an object's declared keys (and how to order each), an array's elements, or free-form. */
type Plan =
  | { kind: "object"; keys: string[]; positions: Map<string, number>; children: Map<string, Plan> }
  | { kind: "array"; element: Plan }
  | { kind: "free" };

const FREE: Plan = { kind: "free" };

function planOf(schema: SchemaNode | undefined): Plan {
  let node = schema;
  while (node && (node.def.type === "optional" || node.def.type === "nullable") && node.def.innerType) {
    node = node.def.innerType;
  }
  if (node?.def.type === "array" && node.def.element)
    return { kind: "array", element: planOf(node.def.element) };
  if (node?.def.type === "object" && node.def.shape) {
    const shape = node.def.shape;
    const keys = Object.keys(shape);
    return {
      kind: "object",
      keys,
      positions: new Map(keys.map((key, i) => [key, i])),
      children: new Map(keys.map((key) => [key, planOf(shape[key])])),
    };
  }
  return FREE;
}

/** Worked out once: walking the zod definition per value would dominate large results. */
const RESULT_PLAN = planOf(resultSchema as unknown as SchemaNode);

/**
 * The order an object's keys are written in: `present` itself when they already come in that order
 * (most objects the engine builds do: checking costs no allocation, and a Result holds millions).
 */
function keyOrder(present: string[], plan: Plan): string[] {
  if (plan.kind === "object") {
    let last = -1;
    for (const key of present) {
      const at = plan.positions.get(key);
      if (at === undefined || at < last) {
        // Declared keys in the schema's order, then any undeclared key, sorted.
        const order = plan.keys.filter((declared) => present.includes(declared));
        if (order.length < present.length) order.push(...present.filter((k) => !plan.children.has(k)).sort());
        return order;
      }
      last = at;
    }
    return present;
  }
  for (let i = 1; i < present.length; i++) if (present[i - 1]! > present[i]!) return [...present].sort();
  return present;
}

/**
 * Keys of objects the contract declares come in the schema's order (then any undeclared key,
 * sorted); free-form objects such as `evidence` have their keys sorted, at every depth. A value
 * already in that order is returned as it is (the engine builds most of a Result that way), so
 * large Results are not copied.
 */
function canonical(value: unknown, plan: Plan): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const element = plan.kind === "array" ? plan.element : FREE;
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item = canonical(value[i], element);
      if (copy) copy.push(item);
      else if (item !== value[i]) {
        copy = value.slice(0, i);
        copy.push(item);
      }
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const present = Object.keys(record);
  const order = keyOrder(present, plan);
  let children: unknown[] | null = null;
  for (let i = 0; i < order.length; i++) {
    const key = order[i]!;
    const given = record[key];
    const child = canonical(given, plan.kind === "object" ? (plan.children.get(key) ?? FREE) : FREE);
    if (children) children.push(child);
    else if (child !== given) {
      children = order.slice(0, i).map((earlier) => record[earlier]);
      children.push(child);
    }
  }
  if (!children && order === present) return record;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < order.length; i++) out[order[i]!] = children ? children[i] : record[order[i]!];
  return out;
}

export function renderJson(result: Result): string {
  return `${escapeJsonInvisibles(JSON.stringify(canonical(result, RESULT_PLAN), null, 2))}\n`;
}

const FINDINGS_PLAN: Plan =
  RESULT_PLAN.kind === "object" ? (RESULT_PLAN.children.get("findings") ?? FREE) : FREE;
const FINDING_PLAN: Plan = FINDINGS_PLAN.kind === "array" ? FINDINGS_PLAN.element : FREE;
/** What JSON.stringify({ findings: [...] }, null, 2) writes around the findings of a batch. */
const BATCH_OPEN = '{\n  "findings": [\n';
const BATCH_CLOSE = "\n  ]\n}";
/** The top-level `findings` member as JSON.stringify(…, null, 2) writes it when empty. */
const EMPTY_FINDINGS = /\n {2}"findings": \[\](,?)\n/;

/**
 * The same bytes as renderJson, in pieces: the findings are serialized a batch at a time, so a
 * Result with millions of findings never has to fit in one string (V8 caps a string at ~512 MiB).
 */
export function* renderJsonChunks(result: Result, findingsPerChunk = 2000): Generator<string> {
  if (result.findings.length === 0) {
    yield renderJson(result);
    return;
  }
  const frame = escapeJsonInvisibles(
    JSON.stringify(canonical({ ...result, findings: [] }, RESULT_PLAN), null, 2),
  );
  const match = EMPTY_FINDINGS.exec(frame);
  if (!match) throw new Error("the Result has no top-level findings member to stream");
  yield `${frame.slice(0, match.index)}\n  "findings": [\n`;
  const { findings } = result;
  for (let start = 0; start < findings.length; start += findingsPerChunk) {
    const batch = findings.slice(start, start + findingsPerChunk);
    for (let i = 0; i < batch.length; i++) batch[i] = canonical(batch[i], FINDING_PLAN) as Finding;
    // One native stringify a batch: inside `{ "findings": [...] }` the findings are indented exactly
    // as in the whole Result, so the text between the brackets is the batch's part of it.
    const text = JSON.stringify({ findings: batch }, null, 2);
    const body = text.slice(BATCH_OPEN.length, text.length - BATCH_CLOSE.length);
    yield `${escapeJsonInvisibles(body)}${start + findingsPerChunk < findings.length ? "," : ""}\n`;
  }
  yield `  ]${match[1]}\n${frame.slice(match.index + match[0].length)}\n`;
}
