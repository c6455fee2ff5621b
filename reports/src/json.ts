// The `json` format: the Result contract itself, pretty-printed with a stable key order, so the same
// Result always gives the same bytes whatever order its objects were built in.
import { type Result, resultSchema } from "@itaku/core";
import { escapeJsonInvisibles } from "./scanned-text";

/** The parts of a zod 4 schema definition the ordering reads (structurally, no zod import needed). */
interface SchemaNode {
  def: { type: string; shape?: Record<string, SchemaNode>; element?: SchemaNode; innerType?: SchemaNode };
}

/** How to order one value: an object's declared keys (and how to order each), an array's elements, or free-form. */
type Plan =
  | { kind: "object"; keys: string[]; children: Map<string, Plan> }
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
    return { kind: "object", keys, children: new Map(keys.map((key) => [key, planOf(shape[key])])) };
  }
  return FREE;
}

/** Worked out once: walking the zod definition per value would dominate large results. */
const RESULT_PLAN = planOf(resultSchema as unknown as SchemaNode);

/**
 * Keys of objects the contract declares come in the schema's order (then any undeclared key,
 * sorted); free-form objects such as `evidence` have their keys sorted, at every depth. A value
 * already in that order is returned as it is (the engine builds most of a Result that way), so
 * large Results are not copied.
 */
function canonical(value: unknown, plan: Plan): unknown {
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
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const present = Object.keys(record);
  let order: string[];
  if (plan.kind === "object") {
    order = plan.keys.filter((key) => key in record);
    if (order.length < present.length) order.push(...present.filter((key) => !plan.children.has(key)).sort());
  } else {
    order = [...present].sort();
  }
  let changed = order.some((key, i) => key !== present[i]);
  const children = order.map((key) => {
    const child = canonical(record[key], plan.kind === "object" ? (plan.children.get(key) ?? FREE) : FREE);
    if (child !== record[key]) changed = true;
    return child;
  });
  if (!changed) return record;
  const out: Record<string, unknown> = {};
  order.forEach((key, i) => {
    out[key] = children[i];
  });
  return out;
}

export function renderJson(result: Result): string {
  return `${escapeJsonInvisibles(JSON.stringify(canonical(result, RESULT_PLAN), null, 2))}\n`;
}

const FINDINGS_PLAN: Plan =
  RESULT_PLAN.kind === "object" ? (RESULT_PLAN.children.get("findings") ?? FREE) : FREE;
const FINDING_PLAN: Plan = FINDINGS_PLAN.kind === "array" ? FINDINGS_PLAN.element : FREE;
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
  const last = result.findings.length - 1;
  for (let start = 0; start <= last; start += findingsPerChunk) {
    let chunk = "";
    for (let i = start; i <= Math.min(last, start + findingsPerChunk - 1); i++) {
      const text = JSON.stringify(canonical(result.findings[i], FINDING_PLAN), null, 2);
      chunk += `    ${text.replace(/\n/g, "\n    ")}${i < last ? "," : ""}\n`;
    }
    yield escapeJsonInvisibles(chunk);
  }
  yield `  ]${match[1]}\n${frame.slice(match.index + match[0].length)}\n`;
}
