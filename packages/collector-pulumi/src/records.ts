// The three ways Pulumi resources reach itaku — a `pulumi stack export` file, `pulumi preview --json`
// output, the resources a program registers under runtime mocks — read into one record shape.
import { InputError, parseJsonText } from "@itaku/core";
import { cleanValue, type Props } from "./values";

/** One Pulumi resource, whatever file it came from. */
export interface PulumiRecord {
  urn: string;
  /** Type token, e.g. `aws:ec2/subnet:Subnet`. */
  type: string;
  /** Logical name: the URN's last segment. */
  name: string;
  custom: boolean;
  /** Provider-assigned id; undefined while not yet created (a preview's creates). */
  id?: string;
  inputs: Props;
  outputs: Props;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  parent?: string;
  /** When the resource entered the stack's state (stack export only). */
  created?: string;
  /** Where the program registered it, as the engine records it: `project:///index.ts#12,5`. */
  sourcePosition?: string;
}

export interface RecordSet {
  records: PulumiRecord[];
  /** Configuration the file carries (`aws:region`…), from a preview's `config`. */
  config: Record<string, string>;
  stack?: string;
  project?: string;
  /** The file the records were read from (stack export or preview), for findings' locations. */
  file?: string;
}

/** Parses JSON text; a syntax error becomes an InputError with line and column (core's reading). */
export const parseJson = parseJsonText;

const isObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === "object" && !Array.isArray(value);

/** The logical name and type of a URN: `urn:pulumi:<stack>::<project>::<parent types$>type::<name>`. */
export function parseUrn(
  urn: string,
): { stack: string; project: string; type: string; name: string } | undefined {
  const match = /^urn:pulumi:([^:]*)::([^:]*)::(.+?)::(.*)$/s.exec(urn);
  if (!match) return undefined;
  const qualifiedType = match[3]!;
  const type = qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1);
  return { stack: match[1]!, project: match[2]!, type, name: match[4]! };
}

/** Reads one serialized resource (apitype.ResourceV3) as `pulumi stack export` and preview steps carry it. */
function readResourceV3(value: unknown, path: string, place: string): PulumiRecord {
  if (!isObject(value)) throw new InputError(path, place, "expected a resource object");
  const urn = value.urn;
  if (typeof urn !== "string" || urn === "")
    throw new InputError(path, `${place}.urn`, "missing the resource's urn");
  const parsed = parseUrn(urn);
  if (!parsed)
    throw new InputError(
      path,
      `${place}.urn`,
      `"${urn}" is not a Pulumi URN (urn:pulumi:stack::project::type::name)`,
    );
  const type = value.type;
  if (typeof type !== "string" || type === "")
    throw new InputError(path, `${place}.type`, "missing the resource's type");
  for (const key of ["inputs", "outputs", "propertyDependencies"] as const) {
    if (value[key] !== undefined && value[key] !== null && !isObject(value[key])) {
      throw new InputError(path, `${place}.${key}`, `expected an object, got ${describe(value[key])}`);
    }
  }
  const dependencies = value.dependencies ?? [];
  if (!Array.isArray(dependencies) || dependencies.some((d) => typeof d !== "string")) {
    throw new InputError(path, `${place}.dependencies`, "expected a list of URNs");
  }
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, urns] of Object.entries((value.propertyDependencies as Record<string, unknown>) ?? {})) {
    if (!Array.isArray(urns) || urns.some((d) => typeof d !== "string")) {
      throw new InputError(path, `${place}.propertyDependencies.${key}`, "expected a list of URNs");
    }
    propertyDependencies[key] = urns as string[];
  }
  if (value.id !== undefined && typeof value.id !== "string") {
    throw new InputError(path, `${place}.id`, `expected a string, got ${describe(value.id)}`);
  }
  const id = typeof value.id === "string" && value.id !== "" ? (cleanValue(value.id) as unknown) : undefined;
  return {
    urn,
    type,
    name: parsed.name,
    custom: value.custom !== false,
    id: typeof id === "string" ? id : undefined,
    inputs: (cleanValue(value.inputs ?? {}) as Props) ?? {},
    outputs: (cleanValue(value.outputs ?? {}) as Props) ?? {},
    dependencies: dependencies as string[],
    propertyDependencies,
    parent: typeof value.parent === "string" && value.parent !== "" ? value.parent : undefined,
    created: typeof value.created === "string" ? value.created : undefined,
    sourcePosition:
      typeof value.sourcePosition === "string" && value.sourcePosition !== ""
        ? value.sourcePosition
        : undefined,
  };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

/** `pulumi stack export`: `{version: 3, deployment: {manifest, resources: [ResourceV3…]}}`. */
export function readStackExport(json: unknown, path: string): RecordSet {
  if (!isObject(json))
    throw new InputError(path, "(top level)", "expected the object `pulumi stack export` writes");
  if (!("deployment" in json)) {
    const hint =
      "steps" in json ? " (this looks like `pulumi preview --json` output: use --pulumi-preview)" : "";
    throw new InputError(
      path,
      "deployment",
      `missing "deployment": not a \`pulumi stack export\` file${hint}`,
    );
  }
  const version = json.version;
  if (version !== 3 && version !== 4) {
    throw new InputError(
      path,
      "version",
      `unsupported deployment version ${JSON.stringify(version)} (itaku reads versions 3 and 4)`,
    );
  }
  const deployment = json.deployment;
  if (!isObject(deployment))
    throw new InputError(path, "deployment", `expected an object, got ${describe(deployment)}`);
  const resources = deployment.resources ?? [];
  if (!Array.isArray(resources))
    throw new InputError(path, "deployment.resources", `expected a list, got ${describe(resources)}`);
  const records: PulumiRecord[] = [];
  resources.forEach((resource, i) => {
    const place = `deployment.resources[${i}]`;
    const record = readResourceV3(resource, path, place);
    // Resources marked for deletion are on their way out; pending replacements are already gone.
    if (isObject(resource) && (resource.delete === true || resource.pendingReplacement === true)) return;
    records.push(record);
  });
  const first = records[0] && parseUrn(records[0].urn);
  return { records, config: {}, stack: first?.stack, project: first?.project, file: path };
}

/** Steps whose new state will not exist after the update. */
const GONE_OPS = new Set([
  "delete",
  "delete-replaced",
  "discard",
  "discard-replaced",
  "remove-pending-replace",
  "read-discard",
]);

/** `pulumi preview --json`: `{config, steps: [{op, urn, oldState?, newState?…}], diagnostics, changeSummary}`. */
export function readPreview(json: unknown, path: string): RecordSet {
  if (!isObject(json))
    throw new InputError(path, "(top level)", "expected the object `pulumi preview --json` writes");
  if (!("steps" in json) && !("changeSummary" in json)) {
    const hint =
      "deployment" in json ? " (this looks like a `pulumi stack export` file: use --pulumi-state)" : "";
    throw new InputError(path, "steps", `missing "steps": not \`pulumi preview --json\` output${hint}`);
  }
  const steps = json.steps ?? [];
  if (!Array.isArray(steps)) throw new InputError(path, "steps", `expected a list, got ${describe(steps)}`);
  const config: Record<string, string> = {};
  if (json.config !== undefined) {
    if (!isObject(json.config))
      throw new InputError(path, "config", `expected an object, got ${describe(json.config)}`);
    for (const [key, value] of Object.entries(json.config))
      if (typeof value === "string") config[key] = value;
  }
  const byUrn = new Map<string, PulumiRecord>();
  steps.forEach((step, i) => {
    const place = `steps[${i}]`;
    if (!isObject(step)) throw new InputError(path, place, "expected a step object");
    if (typeof step.op !== "string") throw new InputError(path, `${place}.op`, "missing the step's op");
    if (typeof step.urn !== "string") throw new InputError(path, `${place}.urn`, "missing the step's urn");
    if (GONE_OPS.has(step.op)) {
      if (step.op === "delete" || step.op === "discard") byUrn.delete(step.urn);
      return;
    }
    if (step.newState === undefined || step.newState === null) {
      throw new InputError(path, `${place}.newState`, `a "${step.op}" step needs its newState`);
    }
    const record = readResourceV3(step.newState, path, `${place}.newState`);
    if (record.urn !== step.urn) {
      throw new InputError(
        path,
        `${place}.newState.urn`,
        `"${record.urn}" differs from the step's urn "${step.urn}"`,
      );
    }
    byUrn.set(record.urn, record);
  });
  const records = [...byUrn.values()];
  const first = records[0] && parseUrn(records[0].urn);
  return { records, config, stack: first?.stack, project: first?.project, file: path };
}

/** What a program registered under `pulumi.runtime.setMocks`, as the recording mocks capture it. */
export interface MockedResource {
  type: string;
  name: string;
  /** The inputs the program passed, as the mock monitor hands them to `newResource`. */
  inputs: Record<string, unknown>;
  /** The id and state `newResource` returned. */
  id?: string;
  state?: Record<string, unknown>;
  custom?: boolean;
  /** Set when known (the mock monitor does not tell); otherwise one is made from type and name. */
  urn?: string;
}

export function readMockedResources(
  resources: readonly MockedResource[],
  options: { stack?: string; project?: string } = {},
): RecordSet {
  const stack = options.stack ?? "stack";
  const project = options.project ?? "project";
  const seen = new Map<string, number>();
  const records = resources.map((resource, i): PulumiRecord => {
    if (!resource || typeof resource.type !== "string" || typeof resource.name !== "string") {
      throw new InputError("(mocked resources)", `[${i}]`, "expected {type, name, inputs}");
    }
    let urn = resource.urn ?? `urn:pulumi:${stack}::${project}::${resource.type}::${resource.name}`;
    const count = seen.get(urn) ?? 0;
    seen.set(urn, count + 1);
    if (count > 0) urn = `${urn}#${count}`;
    return {
      urn,
      type: resource.type,
      name: resource.name,
      custom: resource.custom !== false,
      id: resource.id || undefined,
      inputs: (cleanValue(resource.inputs ?? {}) as Props) ?? {},
      outputs: (cleanValue(resource.state ?? {}) as Props) ?? {},
      dependencies: [],
      propertyDependencies: {},
    };
  });
  return { records, config: {}, stack, project };
}

/** A resource as a policy engine or another tool hands it over: URN, type, properties, dependency edges. */
export interface RawResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  parent?: string;
}

/** Records from raw resources (values cleaned: sentinels and secrets become opaque markers). */
export function readRawResources(resources: readonly RawResource[], where = "(resources)"): RecordSet {
  const records = resources.map((resource, i): PulumiRecord => {
    const parsed = parseUrn(resource.urn);
    if (!parsed) throw new InputError(where, `[${i}].urn`, `"${resource.urn}" is not a Pulumi URN`);
    const id = typeof resource.id === "string" && resource.id !== "" ? cleanValue(resource.id) : undefined;
    return {
      urn: resource.urn,
      type: resource.type,
      name: parsed.name,
      custom: true,
      id: typeof id === "string" ? id : undefined,
      inputs: (cleanValue(resource.inputs ?? {}) as Props) ?? {},
      outputs: (cleanValue(resource.outputs ?? {}) as Props) ?? {},
      dependencies: resource.dependencies ?? [],
      propertyDependencies: resource.propertyDependencies ?? {},
      parent: resource.parent,
    };
  });
  const first = records[0] && parseUrn(records[0].urn);
  return { records, config: {}, stack: first?.stack, project: first?.project };
}
