// How a figure is written on screen, by kind; the raw number goes into data-value beside it so
// browser tests compare the API's value with what is shown without parsing locale formats.
import type { NumberFormats } from '../../../src/report/format-number.ts';

export type ValueKind = 'count' | 'money' | 'percent' | 'share' | 'fixed2' | 'significant' | 'score' | 'probability';

export function formatValue(fmt: NumberFormats, kind: ValueKind, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  switch (kind) {
    case 'count': return fmt.count(v);
    case 'money': return fmt.money(v);
    case 'percent': return fmt.percent(v);
    case 'share': return fmt.share(v);
    case 'fixed2': return fmt.fixed(v, 2);
    case 'score': return fmt.fixed(v, 1);
    case 'probability': return fmt.fixed(v, 3);
    case 'significant': return fmt.significant(v);
  }
}

/** The relative change from `previous` to `value`, or null when it has no meaning (no previous, zero). */
export function relativeChange(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || !Number.isFinite(value) || !Number.isFinite(previous) || previous === 0) return null;
  return (value - previous) / Math.abs(previous);
}
