// The worker thread behind order-sorter.ts: sorts one (filter, sort) order of the customer snapshot at
// a time, so that the server's event loop keeps answering while it does. The snapshot's key columns
// live in SharedArrayBuffers, so a job message carries only their handles; the order comes back
// transferred, not copied.
import { parentPort } from 'node:worker_threads';
import { orderRows } from './order-rows.ts';
import type { OrderJob } from './order-rows.ts';

export interface OrderRequest {
  id: number;
  job: OrderJob;
}

export type OrderReply = { id: number; order: Uint32Array<ArrayBuffer> } | { id: number; error: string };

parentPort?.on('message', (m: OrderRequest) => {
  let reply: OrderReply;
  try {
    reply = { id: m.id, order: orderRows(m.job) };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply, 'order' in reply ? [reply.order.buffer] : []);
});
