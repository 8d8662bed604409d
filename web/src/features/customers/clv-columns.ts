// The predicted-value columns of a customers row, whose names carry the horizon (clv_12m) and, when
// the run computed one, the interval.
import type { CustomerRow } from '../../api/api-types.ts';

/** The predicted-value column's name carries its horizon (clv_12m); take whichever the table has. */
export function clvOf(row: CustomerRow): number | null {
  for (const [k, v] of Object.entries(row)) if (/^clv(_\d+m)?$/.test(k) && typeof v === 'number') return v;
  return null;
}

/** The interval of the predicted value, from whichever pair of columns the run wrote (clv_lower/clv_upper, clv_12m_low/…). */
export function clvInterval(row: CustomerRow): [number, number] | null {
  let lo: number | null = null;
  let hi: number | null = null;
  for (const [k, v] of Object.entries(row)) {
    if (typeof v !== 'number' || !k.startsWith('clv')) continue;
    if (/(lower|low|_lo)$/.test(k)) lo = v;
    if (/(upper|high|_hi)$/.test(k)) hi = v;
  }
  return lo !== null && hi !== null ? [lo, hi] : null;
}
