import { describe, expect, it } from 'vitest';
import { orderRows } from './order-rows.ts';
import type { OrderJob } from './order-rows.ts';

/** The comparator sort the radix sort replaced: NULL as +Infinity, negated for DESC, ties by row. */
function reference(job: OrderJob): number[] {
  const rows = job.rows ? [...job.rows] : Array.from({ length: job.n }, (_, i) => i);
  const kept = rows.filter((i) => job.filters.every((f) => f.key[i] === f.value));
  const key = (i: number): number => { const v = job.sortKey[i] ?? Number.NaN; return Number.isNaN(v) ? Number.POSITIVE_INFINITY : job.desc ? -v : v; };
  return kept.sort((a, b) => key(a) - key(b) || a - b);
}

let seed = 11;
const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const SPECIAL = [Number.NaN, 0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 2 ** 53, 0.1 + 0.2];

function column(n: number, kind: 'mixed' | 'integers' | 'few'): Float64Array {
  return Float64Array.from({ length: n }, () => {
    const r = rnd();
    if (kind === 'few') return Math.floor(r * 4);
    if (r < 0.1) return SPECIAL[Math.floor(rnd() * SPECIAL.length)] ?? 0;
    if (kind === 'integers') return Math.floor((rnd() - 0.3) * 1000);
    return (rnd() - 0.4) * 10 ** Math.floor(rnd() * 12 - 6);
  });
}

describe('orderRows', () => {
  it('orders exactly as the comparator sort: NULLs last both ways, -0 ties 0, ties by row', () => {
    for (const n of [0, 1, 2, 17, 5000, 70_000]) {
      for (const kind of ['mixed', 'integers', 'few'] as const) {
        const sortKey = column(n, kind);
        for (const desc of [false, true]) {
          const job: OrderJob = { n, rows: null, filters: [], sortKey, desc };
          expect([...orderRows(job)], `${n} ${kind} ${desc}`).toEqual(reference(job));
        }
      }
    }
  });

  it('keeps only the candidate rows that pass every filter', () => {
    const n = 20_000;
    const segment = column(n, 'few');
    const flag = Float64Array.from({ length: n }, () => (rnd() < 0.05 ? Number.NaN : rnd() < 0.5 ? 1 : 0));
    const sortKey = column(n, 'mixed');
    const candidates = Uint32Array.from({ length: n }, (_, i) => i).filter(() => rnd() < 0.3);
    for (const job of [
      { n, rows: null, filters: [{ key: segment, value: 2 }], sortKey, desc: true },
      { n, rows: candidates, filters: [{ key: segment, value: 1 }, { key: flag, value: 1 }], sortKey, desc: false },
      { n, rows: candidates, filters: [], sortKey: segment, desc: true },
      { n, rows: null, filters: [{ key: flag, value: Number.NaN }], sortKey, desc: false },
    ] satisfies OrderJob[]) {
      const got = [...orderRows(job)];
      expect(got).toEqual(reference(job));
      if (job.filters.some((f) => Number.isNaN(f.value))) expect(got).toEqual([]);
    }
  });
});
