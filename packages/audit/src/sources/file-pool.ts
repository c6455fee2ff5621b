// Reads files into the caller's sink, in-process (threads = 1) or on worker threads (one sink per
// worker, states merged at the end). Local files are read by the worker itself; S3 bodies are
// fetched by the main thread and their bytes transferred (not copied) to a worker.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { EventSink, EventSinkModule } from "@itaku/core";
import { type FileOutcome, foldLocalFile, foldLogBytes, type RecordFilter } from "./log-file";
import type { SinkSpec } from "./types";

export interface FileTask {
  location: string;
  /** Size as stored, when known before reading. */
  size: number;
  account?: string;
  region?: string;
  /** A local file to read… */
  path?: string;
  /** …or the bytes already fetched (an S3 object body). */
  bytes?: Uint8Array;
}

export interface PoolSettings<Init> {
  sink: SinkSpec<Init>;
  filter: RecordFilter;
  threads: number;
  hash: boolean;
  /** The bundled worker entry (audit-worker.mjs); defaults to the one beside the bundled CLI. */
  workerScript?: string;
  inlineLimit?: number;
}

/** What a worker is started with (structured-cloneable). */
export interface WorkerSetup {
  sinkModule: string;
  sinkInit: unknown;
  filter: { fromIso: string; toIso: string; accounts?: string[]; regions?: string[] };
  hash: boolean;
  inlineLimit?: number;
}

export type WorkerRequest =
  | { type: "file"; id: number; task: FileTask }
  /** Reply with the sink's state and start a fresh sink (for checkpoints and the end). */
  | { type: "drain" };
export type WorkerReply =
  | { type: "done"; id: number; outcome: FileOutcome }
  | { type: "state"; state: unknown }
  | { type: "error"; message: string };

export interface FilePool<State> {
  read(task: FileTask): Promise<FileOutcome>;
  /** The merged state of everything read since the last drain; sinks start afresh. Call with nothing in flight. */
  drain(): Promise<State>;
  /** Drains and stops the workers. */
  finish(): Promise<State>;
  /** Stops workers without waiting for their state (on errors). */
  destroy(): Promise<void>;
  readonly threads: number;
}

/** Imports a sink module by absolute path (or file URL) and returns its default export. */
export async function loadSinkModule<Init, State>(module: string): Promise<EventSinkModule<Init, State>> {
  const specifier = module.startsWith("file:") ? fileURLToPath(module) : module;
  const loaded = (await import(specifier)) as {
    default?: EventSinkModule<Init, State> & { default?: EventSinkModule<Init, State> };
  };
  // A CommonJS build of an ES module arrives as { default: { default: … } } when imported from ESM.
  const sinkModule =
    loaded.default && typeof loaded.default.create !== "function" ? loaded.default.default : loaded.default;
  if (!sinkModule || typeof sinkModule.create !== "function" || typeof sinkModule.merge !== "function")
    throw new Error(`${module} does not export default { create, merge } (an EventSinkModule)`);
  return sinkModule;
}

export function defaultThreads(): number {
  return availableParallelism();
}

/** Reads one task into a sink on the current thread (the in-process pool and each worker use this). */
export function readTask(
  task: FileTask,
  sink: EventSink,
  filter: RecordFilter,
  hash: boolean,
  inlineLimit?: number,
) {
  const options = {
    filter,
    sink,
    hash,
    ...(task.account ? { account: task.account } : {}),
    ...(task.region ? { region: task.region } : {}),
    ...(inlineLimit ? { inlineLimit } : {}),
  };
  if (task.bytes) return foldLogBytes(task.bytes, task.location, options);
  return foldLocalFile(task.path ?? task.location, task.location, options);
}

export function setupFilter(setup: WorkerSetup["filter"]): RecordFilter {
  return {
    fromIso: setup.fromIso,
    toIso: setup.toIso,
    ...(setup.accounts ? { accounts: new Set(setup.accounts) } : {}),
    ...(setup.regions ? { regions: new Set(setup.regions) } : {}),
  };
}

/** The worker entry beside the bundled CLI (scripts/build-cli.mjs emits dist/audit-worker.mjs). */
function bundledWorkerScript(): string | undefined {
  const candidate = fileURLToPath(new URL("./audit-worker.mjs", import.meta.url));
  return existsSync(candidate) ? candidate : undefined;
}

export async function createFilePool<Init, State>(settings: PoolSettings<Init>): Promise<FilePool<State>> {
  const sinkModule = await loadSinkModule<Init, State>(settings.sink.module);
  const workerScript = settings.threads > 1 ? (settings.workerScript ?? bundledWorkerScript()) : undefined;
  if (!workerScript) return inProcessPool(sinkModule, settings);
  return workerPool(sinkModule, settings, workerScript);
}

function inProcessPool<Init, State>(
  module: EventSinkModule<Init, State>,
  settings: PoolSettings<Init>,
): FilePool<State> {
  let sink = module.create(settings.sink.init);
  const drain = async () => {
    const state = sink.state();
    sink = module.create(settings.sink.init);
    return state;
  };
  return {
    threads: 1,
    read: (task) => readTask(task, sink, settings.filter, settings.hash, settings.inlineLimit),
    drain,
    finish: drain,
    destroy: async () => {},
  };
}

interface WorkerSlot {
  worker: Worker;
  pending: Map<number, { resolve(outcome: FileOutcome): void; reject(error: Error): void }>;
  state?: { resolve(state: unknown): void; reject(error: Error): void };
  failure?: Error;
}

function workerPool<Init, State>(
  module: EventSinkModule<Init, State>,
  settings: PoolSettings<Init>,
  script: string,
): FilePool<State> {
  const setup: WorkerSetup = {
    sinkModule: settings.sink.module,
    sinkInit: settings.sink.init,
    filter: {
      fromIso: settings.filter.fromIso,
      toIso: settings.filter.toIso,
      ...(settings.filter.accounts ? { accounts: [...settings.filter.accounts] } : {}),
      ...(settings.filter.regions ? { regions: [...settings.filter.regions] } : {}),
    },
    hash: settings.hash,
    ...(settings.inlineLimit ? { inlineLimit: settings.inlineLimit } : {}),
  };
  const slots: WorkerSlot[] = [];
  const fail = (slot: WorkerSlot, error: Error) => {
    slot.failure = error;
    for (const waiter of slot.pending.values()) waiter.reject(error);
    slot.pending.clear();
    slot.state?.reject(error);
  };
  for (let i = 0; i < settings.threads; i++) {
    // A small young generation per worker: each file's parse is garbage once folded, and N workers'
    // default semi-spaces would otherwise dominate the RSS.
    const worker = new Worker(script, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    const slot: WorkerSlot = { worker, pending: new Map() };
    slot.worker.on("message", (reply: WorkerReply) => {
      if (reply.type === "done") {
        slot.pending.get(reply.id)?.resolve(reply.outcome);
        slot.pending.delete(reply.id);
      } else if (reply.type === "state") slot.state?.resolve(reply.state);
      else fail(slot, new Error(`audit worker: ${reply.message}`));
    });
    slot.worker.on("error", (error) => fail(slot, error));
    slot.worker.on("exit", (code) => {
      if (slot.pending.size > 0 || slot.state) fail(slot, new Error(`audit worker exited (code ${code})`));
    });
    slots.push(slot);
  }
  let nextId = 0;
  return {
    threads: settings.threads,
    read(task) {
      // The least busy worker takes the file.
      let slot = slots[0] as WorkerSlot;
      for (const candidate of slots) if (candidate.pending.size < slot.pending.size) slot = candidate;
      if (slot.failure) return Promise.reject(slot.failure);
      const id = nextId++;
      return new Promise<FileOutcome>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        const request: WorkerRequest = { type: "file", id, task };
        const transfer = task.bytes ? [task.bytes.buffer as ArrayBuffer] : [];
        slot.worker.postMessage(request, transfer);
      });
    },
    async drain() {
      const states = await Promise.all(
        slots.map(
          (slot) =>
            new Promise<unknown>((resolve, reject) => {
              if (slot.failure) return reject(slot.failure);
              slot.state = { resolve, reject };
              slot.worker.postMessage({ type: "drain" } satisfies WorkerRequest);
            }),
        ),
      );
      for (const slot of slots) slot.state = undefined;
      let merged = states[0] as State;
      for (const state of states.slice(1)) merged = module.merge(merged, state as State);
      return merged;
    },
    async finish() {
      const merged = await this.drain();
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
      return merged;
    },
    async destroy() {
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
