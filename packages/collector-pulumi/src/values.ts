// Pulumi property values as the files carry them: plain JSON, plus sentinels for values not known until
// deployment and envelopes for secrets. Both become one opaque marker so no secret ever reaches a snapshot.

/** Sentinels Pulumi writes for values computed only at deployment (sdk/go/common/resource/plugin/rpc.go). */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // bool
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The key of Pulumi's signature envelopes (secrets, assets, archives, resource references). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
/** What `pulumi preview --json` prints in place of a secret. */
export const PREVIEW_SECRET = "[secret]";

/** A value the file does not give: computed at deployment, or a secret we must not read. */
export class Opaque {
  constructor(readonly why: "unknown" | "secret") {}
}
export const UNKNOWN = new Opaque("unknown");
export const SECRET = new Opaque("secret");

export const isOpaque = (value: unknown): value is Opaque => value instanceof Opaque;

/**
 * How deep a property value may nest. Real resources stay under ~10 levels (a policy document's
 * condition blocks are the deepest); anything deeper is hostile or broken and becomes opaque
 * (unknown), which also keeps every later walk over the value (reports, JSON) shallow.
 */
export const MAX_VALUE_DEPTH = 64;

/**
 * Replaces sentinels and secret envelopes by markers, resource references by their id (or URN), and
 * drops internal keys (`__defaults`, `__meta`). The result is plain data plus `Opaque` markers.
 * Iterative (an explicit stack, not recursion): a stack file nested 100,000 deep must not overflow.
 */
export function cleanValue(value: unknown): unknown {
  const root: { value?: unknown } = {};
  const pending: {
    value: unknown;
    depth: number;
    parent: Record<string | number, unknown>;
    key: string | number;
  }[] = [{ value, depth: 0, parent: root, key: "value" }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const cleaned = cleanScalar(item.value);
    if (cleaned !== CONTAINER) {
      item.parent[item.key] = cleaned;
      continue;
    }
    if (item.depth >= MAX_VALUE_DEPTH) {
      item.parent[item.key] = UNKNOWN;
      continue;
    }
    const depth = item.depth + 1;
    if (Array.isArray(item.value)) {
      const out: unknown[] = new Array(item.value.length);
      item.parent[item.key] = out;
      item.value.forEach((inner, index) => {
        pending.push({ value: inner, depth, parent: out as unknown as Record<number, unknown>, key: index });
      });
      continue;
    }
    const out: Record<string, unknown> = {};
    item.parent[item.key] = out;
    for (const [key, inner] of Object.entries(item.value as Record<string, unknown>)) {
      if (key.startsWith("__")) continue;
      // Reserve the key now so the output keeps the input's key order.
      out[key] = undefined;
      pending.push({ value: inner, depth, parent: out, key });
    }
  }
  return root.value;
}

const CONTAINER = Symbol("container");

/** One value without looking inside it: a cleaned leaf, or CONTAINER for a plain array or object. */
function cleanScalar(value: unknown): unknown {
  if (typeof value === "string") {
    if (UNKNOWN_SENTINELS.has(value)) return UNKNOWN;
    if (value === PREVIEW_SECRET) return SECRET;
    return value;
  }
  if (Array.isArray(value)) return CONTAINER;
  if (value && typeof value === "object") {
    const object = value as Record<string, unknown>;
    const sig = object[SIG_KEY];
    if (sig === SECRET_SIG) return SECRET;
    if (sig === RESOURCE_REFERENCE_SIG) {
      const id = object.id;
      if (typeof id === "string" && id !== "") return cleanScalar(id);
      return typeof object.urn === "string" && id === undefined ? object.urn : UNKNOWN;
    }
    if (sig !== undefined) return UNKNOWN; // assets and archives say nothing the rules read
    return CONTAINER;
  }
  return value;
}

export type Props = Record<string, unknown>;

/** Output wins over input where the output is known; inputs fill what outputs leave unknown or out. */
export function mergeProps(inputs: Props, outputs: Props): Props {
  const merged: Props = { ...inputs };
  for (const [key, value] of Object.entries(outputs)) {
    if (value === undefined || value === null) continue;
    if (isOpaque(value) && key in inputs && inputs[key] !== undefined && inputs[key] !== null) continue;
    merged[key] = value;
  }
  return merged;
}

/** A string, or undefined when absent, not a string, or opaque. */
export function str(props: Props | undefined, key: string): string | undefined {
  const value = props?.[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function num(props: Props | undefined, key: string): number | undefined {
  const value = props?.[key];
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

export function bool(props: Props | undefined, key: string): boolean | undefined {
  const value = props?.[key];
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

export function obj(props: Props | undefined, key: string): Props | undefined {
  const value = props?.[key];
  if (Array.isArray(value))
    return value[0] && typeof value[0] === "object" && !isOpaque(value[0]) ? (value[0] as Props) : undefined;
  return value && typeof value === "object" && !isOpaque(value) ? (value as Props) : undefined;
}

export function list(props: Props | undefined, key: string): unknown[] | undefined {
  const value = props?.[key];
  return Array.isArray(value) ? value : undefined;
}

export function objects(props: Props | undefined, key: string): Props[] {
  return (list(props, key) ?? []).filter(
    (v): v is Props => Boolean(v) && typeof v === "object" && !isOpaque(v),
  );
}

export function strings(props: Props | undefined, key: string): string[] {
  return (list(props, key) ?? []).filter((v): v is string => typeof v === "string" && v !== "");
}

/** True when the property is present but its value (or part of it) is not known. */
export function isOpaqueAt(props: Props | undefined, key: string): boolean {
  return containsOpaque(props?.[key]);
}

export function containsOpaque(value: unknown): boolean {
  if (isOpaque(value)) return true;
  if (Array.isArray(value)) return value.some(containsOpaque);
  if (value && typeof value === "object") return Object.values(value).some(containsOpaque);
  return false;
}

/** Tags as a flat string map; tagsAll (with the provider's default tags) when known. */
export function tagsOf(props: Props): Record<string, string> | undefined {
  const all = obj(props, "tagsAll");
  const source = all && !containsOpaque(all) ? all : obj(props, "tags");
  if (!source) return undefined;
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) if (typeof value === "string") tags[key] = value;
  return Object.keys(tags).length > 0 ? tags : undefined;
}
