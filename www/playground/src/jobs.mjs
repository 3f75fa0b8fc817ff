// Runs in the playground's worker (worker.mjs), one at a time per `Job`: a new run ends the one before it,
// and `cancel` ends the worker and starts a fresh one (a run inside the rules core cannot be interrupted
// any other way). The page's thread stays free for the author meanwhile.
import WORKER_SOURCE from "worker:source";

/** The worker's script as a blob: URL (made once; the page's CSP allows `worker-src blob:`). */
let workerUrl = null;
const scriptUrl = () => (workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" })));

/** Thrown (as a rejection) by a run that was cancelled or replaced by a newer one. */
export class Cancelled extends Error {
  constructor() {
    super("cancelled");
  }
}

let nextId = 1;

/** A worker for one kind of work (the analysis, the comparison), restarted on cancel. */
export class Job {
  /** `start`: the worker's first message, `{module, …}` with the rules core, compiled (WebAssembly.Module).
   * The worker starts at once. */
  constructor(start) {
    this.startMessage = start;
    this.worker = null;
    this.pending = null; // { id, resolve, reject, onStep }
    this.#start();
  }

  /** Whether a run is going on. */
  get busy() {
    return this.pending != null;
  }

  #start() {
    this.worker = new Worker(scriptUrl(), { type: "module" });
    this.worker.postMessage(this.startMessage);
    this.worker.onmessage = ({ data }) => this.#answer(data);
    this.worker.onerror = (e) => {
      e.preventDefault?.();
      // A worker that fails (not a run: a run's errors come as messages) is ended; the next run starts one.
      this.#finish((p) => p.reject(new Error(e.message || "worker")));
      this.#stop();
    };
  }

  #stop() {
    this.worker?.terminate();
    this.worker = null;
  }

  #answer(data) {
    const p = this.pending;
    if (!p || data.id !== p.id) return;
    if ("step" in data) p.onStep(data.step);
    else if ("error" in data) this.#finish((q) => q.reject(Object.assign(new Error(data.error.en), { text: data.error })));
    else this.#finish((q) => q.resolve(data.result));
  }

  #finish(settle) {
    const p = this.pending;
    this.pending = null;
    if (p) settle(p);
  }

  /** Sends `message` to the worker; resolves with its result. `onStep` hears the steps it reports. A run
   * still going on is cancelled first. */
  run(message, onStep = () => {}) {
    if (this.busy) this.cancel();
    if (!this.worker) this.#start();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      this.pending = { id, resolve, reject, onStep };
      this.worker.postMessage({ ...message, id });
    });
  }

  /** Ends the run going on (its promise rejects with `Cancelled`) by ending the worker, and starts a new one. */
  cancel() {
    if (!this.busy) return;
    this.#stop();
    this.#start();
    this.#finish((p) => p.reject(new Cancelled()));
  }
}
