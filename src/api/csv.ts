// CSV for exports: RFC 4180 quoting, UTF-8 with a BOM (so Excel, common with retailers, reads Chinese
// text correctly), and text cells that a spreadsheet would run as a formula are prefixed with '.
import type { Cell, PlainRow } from './analytics/analytics-pool.ts';

function cell(v: Cell): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+@\t\r]|^-[^\d.]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvLine = (values: Cell[]): string => values.map(cell).join(',') + '\r\n';

/**
 * A streaming CSV response body from chunks of rows; the header comes from the first row's keys.
 * @example new Response(csvStream(allCustomers(pool, {}, {})), { headers: { 'content-type': 'text/csv' } })
 */
export function csvStream(chunks: AsyncIterable<PlainRow[]>, header?: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  let columns = header;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode('\uFEFF'));
        if (columns) controller.enqueue(encoder.encode(csvLine(columns)));
      }
      const next = await iterator.next();
      if (next.done) { controller.close(); return; }
      let text = '';
      for (const row of next.value) {
        if (!columns) { columns = Object.keys(row); text += csvLine(columns); }
        text += csvLine(columns.map((c) => row[c] ?? null));
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() { await iterator.return?.(undefined); },
  });
}

export function csvResponse(fileName: string, body: ReadableStream<Uint8Array> | string): Response {
  return new Response(body, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"` },
  });
}
