// Runs orderRows() off the event loop. Sorting a 1M-customer order takes ~0.1 s even as a radix sort
// (more on a busy machine), and every request would wait behind it; in a worker thread only the
// request that needs the order waits. One worker for the process, started on first use and not
// holding the process open while idle. If the worker cannot start or dies, jobs run inline: slower
// for the others, but the same answer.
import { Worker } from 'node:worker_threads';
import { orderRows } from './order-rows.ts';
import type { OrderJob } from './order-rows.ts';
import type { OrderReply, OrderRequest } from './order-worker.ts';

interface Waiting {
  job: OrderJob;
  resolve: (order: Uint32Array) => void;
  reject: (e: Error) => void;
}

let worker: Worker | null = null;
let broken = false;
let nextId = 0;
const waiting = new Map<number, Waiting>();

function inline(w: Waiting): void {
  try { w.resolve(orderRows(w.job)); } catch (e) { w.reject(e instanceof Error ? e : new Error(String(e))); }
}

function giveUp(): void {
  broken = true;
  worker = null;
  const jobs = [...waiting.values()];
  waiting.clear();
  jobs.forEach(inline);
}

function start(): Worker | null {
  if (worker || broken) return worker;
  try {
    const w = new Worker(new URL('./order-worker.ts', import.meta.url));
    w.on('message', (m: OrderReply) => {
      const job = waiting.get(m.id);
      if (!job) return;
      waiting.delete(m.id);
      if ('order' in m) job.resolve(m.order);
      else job.reject(new Error(m.error));
      if (waiting.size === 0) w.unref();
    });
    w.on('error', giveUp);
    w.on('exit', () => { if (worker === w) giveUp(); });
    w.unref();
    worker = w;
  } catch {
    broken = true;
  }
  return worker;
}

/**
 * The rows of one order, sorted in the worker thread (inline when there is none).
 * @example const order = await sortOrder({ n, rows: null, filters: [], sortKey: clv, desc: true });
 */
export function sortOrder(job: OrderJob): Promise<Uint32Array> {
  return new Promise((resolve, reject) => {
    const w = start();
    if (!w) return inline({ job, resolve, reject });
    const id = nextId++;
    waiting.set(id, { job, resolve, reject });
    w.ref(); // an answer is owed: keep the process alive until it arrives
    const request: OrderRequest = { id, job };
    w.postMessage(request);
  });
}
