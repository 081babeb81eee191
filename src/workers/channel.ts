import type { MessagePort } from 'node:worker_threads';
import { Worker } from 'node:worker_threads';

/*
 * Worker threads that produce a stream of messages for this thread (the demo's row workers, intake's file readers),
 * with credit-based flow control: the worker may run `window` messages ahead of what this thread has taken, so memory
 * stays flat however fast either side is.
 */

/**
 * Start a worker from a TypeScript module: through entry.mjs, which registers the tsx loader a worker thread does not
 * inherit. `module` is the worker's URL (`new URL('./worker.ts', import.meta.url)`).
 */
export function startWorker(module: URL, workerData: unknown, options: { heapMb?: number } = {}): Worker {
  return new Worker(new URL('./entry.mjs', import.meta.url), {
    argv: [module.href],
    workerData,
    ...(options.heapMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } }),
  });
}

/** The taking side: messages in the order the worker posted them, one credit sent back for each taken. */
export class CreditReceiver<T> {
  private readonly queue: T[] = [];
  private waiting: { resolve: (message: T) => void; reject: (error: unknown) => void } | undefined;
  private failure: unknown;

  constructor(
    readonly worker: Worker,
    what: string,
  ) {
    worker.on('message', (message: T) => {
      if (this.waiting) {
        this.waiting.resolve(message);
        this.waiting = undefined;
      } else {
        this.queue.push(message);
      }
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`${what} stopped (exit code ${code})`)));
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    this.waiting?.reject(this.failure);
    this.waiting = undefined;
  }

  next(): Promise<T> {
    const message = this.queue.shift();
    if (message !== undefined) {
      this.worker.postMessage({ credit: 1 });
      return Promise.resolve(message);
    }
    if (this.failure !== undefined) {
      return Promise.reject(this.failure);
    }
    return new Promise((resolve, reject) => {
      this.waiting = {
        resolve: (arrived) => {
          this.worker.postMessage({ credit: 1 });
          resolve(arrived);
        },
        reject,
      };
    });
  }
}

/** The worker's side: `send` waits while `window` messages are untaken. */
export function creditSender<T>(port: MessagePort, window: number): { send(message: T): Promise<void> } {
  let credits = window;
  let wake: (() => void) | undefined;
  port.on('message', (message: { credit: number }) => {
    credits += message.credit;
    wake?.();
    wake = undefined;
  });
  return {
    async send(message) {
      while (credits === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      credits -= 1;
      port.postMessage(message);
    },
  };
}
