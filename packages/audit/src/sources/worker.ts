// The audit's worker thread: builds its own sink from the sink module, folds the files it is sent,
// and returns the sink's state when asked to finish. Bundled as dist/audit-worker.mjs.
import { parentPort, workerData } from "node:worker_threads";
import {
  loadSinkModule,
  readTask,
  setupFilter,
  type WorkerReply,
  type WorkerRequest,
  type WorkerSetup,
} from "./file-pool";

async function serve(port: NonNullable<typeof parentPort>, setup: WorkerSetup): Promise<void> {
  const module = await loadSinkModule(setup.sinkModule);
  let sink = module.create(setup.sinkInit);
  const filter = setupFilter(setup.filter);
  // Files are folded one at a time, in arrival order: the sink is not re-entrant.
  let queue = Promise.resolve();
  port.on("message", (request: WorkerRequest) => {
    queue = queue.then(async () => {
      try {
        if (request.type === "file") {
          const outcome = await readTask(request.task, sink, filter, setup.hash, setup.inlineLimit);
          port.postMessage({ type: "done", id: request.id, outcome } satisfies WorkerReply);
        } else {
          const state = sink.state();
          sink = module.create(setup.sinkInit);
          port.postMessage({ type: "state", state } satisfies WorkerReply);
        }
      } catch (error) {
        port.postMessage({
          type: "error",
          message: (error as { message?: string })?.message ?? String(error),
        } satisfies WorkerReply);
      }
    });
  });
}

if (parentPort) void serve(parentPort, workerData as WorkerSetup);
