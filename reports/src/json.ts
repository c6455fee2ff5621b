// The `json` format: the Result contract itself, pretty-printed with a stable key order, so the same
// Result always gives the same bytes whatever order its objects were built in.
import { type Result, resultSchema } from "@itaku/core";
import { jsonInPieces } from "./json-pieces";
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

/**
 * The same bytes as renderJson, in pieces: the findings are serialized a batch at a time, so a
 * Result with millions of findings never has to fit in one string (V8 caps a string at ~512 MiB).
 */
export function renderJsonChunks(result: Result, findingsPerChunk = 2000): Generator<string> {
  const frame = canonical({ ...result, findings: [] }, RESULT_PLAN);
  return jsonInPieces(frame, "findings", 2, result.findings, findingsPerChunk, (finding) =>
    canonical(finding, FINDING_PLAN),
  );
}
