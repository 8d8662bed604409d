// Relays the events of an import or a re-analysis to one client as server-sent events. The runner
// calls listeners synchronously while the stream writes asynchronously, so events wait in a queue and
// the writer sleeps until the next one arrives; the stream ends after the first event that is not
// progress (done or error), or when the client goes away.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ImportEvent, ImportRunner } from './import-runner.ts';

type Follow = (listener: (e: ImportEvent) => void) => ReturnType<ImportRunner['follow']>;

export interface EventRelay {
  /** Events so far plus those still to come while `live`. */
  readonly queued: ImportEvent[];
  /** False when the job is not run by this process: only `queued` is sent. */
  readonly live: boolean;
  respond(c: Context): Response;
}

/** Subscribes at once (so no event is missed between the request and the stream's start). */
export function relayEvents(follow: Follow): EventRelay {
  const queued: ImportEvent[] = [];
  let wake: (() => void) | undefined;
  const followed = follow((e) => { queued.push(e); wake?.(); });
  if (followed) queued.push(...followed.past);
  return {
    queued,
    live: followed !== undefined,
    respond: (c) =>
      streamSSE(c, async (stream) => {
        stream.onAbort(() => followed?.stop());
        for (;;) {
          while (queued.length) {
            const e = queued.shift();
            if (!e) break;
            await stream.writeSSE({ event: e.event, data: JSON.stringify(e.data) });
            if (e.event !== 'progress') return;
          }
          if (!followed || stream.aborted) return;
          await new Promise<void>((resolve) => { wake = resolve; });
        }
      }),
  };
}
