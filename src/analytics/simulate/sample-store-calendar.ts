// The sample store's calendar: two years of days ending 2026-06-30, the Chinese retail year's peaks
// (Spring Festival, 618, Double 11 …), shopping hours, and the "business clock" that lets the BG/NBD
// simulator, which assumes a constant purchase rate, produce weekend and festival peaks.
import type { Random } from './random.ts';

/** First day of the window (local time, China Standard Time; no time zone is written). */
export const START = '2024-07-01';
/** 2024-07-01 … 2026-06-30: 365 + 365 days (29 Feb 2024 falls before the window). */
export const DAYS = 730;
const T0 = Date.UTC(2024, 6, 1);
const DAY_MS = 86_400_000;

/** Day index (0 = 2024-07-01) of a YYYY-MM-DD date; may lie outside the window. */
export function dayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - T0) / DAY_MS);
}

/** YYYY-MM-DD of a day index (negative for days before the window). */
export function dateOf(day: number): string {
  return new Date(T0 + day * DAY_MS).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD HH:MM:SS" of a time in seconds since 2024-07-01 00:00:00. */
export function timestampOf(seconds: number): string {
  return new Date(T0 + seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Festivals that move a Chinese supermarket's sales, as [first, last] day indexes of their run-up. */
export interface Season {
  name: string;
  from: number;
  to: number;
}

const season = (name: string, from: string, to: string): Season => ({ name, from: dayOf(from), to: dayOf(to) });

/** Run-ups: shoppers stock up before the day, so the boost ends on (or just before) the festival. */
export const SEASONS: readonly Season[] = [
  season('mid-autumn', '2024-08-27', '2024-09-16'),
  season('mid-autumn', '2025-09-15', '2025-10-05'),
  season('double-11', '2024-11-01', '2024-11-11'),
  season('double-11', '2025-11-01', '2025-11-11'),
  season('spring-festival', '2025-01-08', '2025-01-28'),
  season('spring-festival', '2026-01-27', '2026-02-16'),
  season('lantern', '2025-02-05', '2025-02-12'),
  season('lantern', '2026-02-24', '2026-03-03'),
  season('dragon-boat', '2025-05-17', '2025-05-30'),
  season('dragon-boat', '2026-06-05', '2026-06-18'),
  season('618', '2025-06-01', '2025-06-18'),
  season('618', '2026-06-01', '2026-06-18'),
];

/** Names of the seasons whose run-up contains `day`. */
export function seasonsOn(day: number): string[] {
  return SEASONS.filter((s) => day >= s.from && day <= s.to).map((s) => s.name);
}

// Mon … Sun: families shop at the weekend (2024-07-01 was a Monday, so weekday = day mod 7).
const WEEKDAY = [0.9, 0.88, 0.9, 0.92, 1.0, 1.3, 1.2];
const SEASON_BOOST: Record<string, number> = {
  'mid-autumn': 1.25, 'double-11': 1.35, 'spring-festival': 1.5, lantern: 1.1, 'dragon-boat': 1.15, '618': 1.3,
};

/** Relative shopping intensity of each day, mean 1 over the window. */
export function dayWeights(): Float64Array {
  const w = new Float64Array(DAYS);
  let sum = 0;
  for (let d = 0; d < DAYS; d++) {
    let v = WEEKDAY[d % 7];
    for (const s of seasonsOn(d)) v *= SEASON_BOOST[s];
    w[d] = v;
    sum += v;
  }
  for (let d = 0; d < DAYS; d++) w[d] *= DAYS / sum;
  return w;
}

/**
 * A clock that runs faster on busy days: business time B(d) = Σ_{k<d} w_k days. A constant-rate
 * (Poisson) process in business time is a process whose calendar rate follows w, so BG/NBD purchase
 * times drawn in business weeks and mapped back to calendar days keep the model's structure per
 * customer while the store sees Saturdays and the Spring Festival rush.
 */
export class BusinessClock {
  private readonly cum: Float64Array;

  constructor(weights: Float64Array) {
    this.cum = new Float64Array(weights.length + 1);
    for (let d = 0; d < weights.length; d++) this.cum[d + 1] = this.cum[d] + weights[d];
  }

  /** Business days elapsed at the start of calendar day `day` (0 … DAYS). */
  at(day: number): number {
    return this.cum[Math.max(0, Math.min(DAYS, day))];
  }

  /** The calendar day in which business time `b` falls (clamped to the window). */
  dayAt(b: number): number {
    let lo = 0;
    let hi = DAYS - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.cum[mid] <= b) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

// Relative frequency of each opening hour 8:00 … 21:00 at the tills (morning fresh-food run,
// after-work peak) and of each hour 0:00 … 23:00 online (lunch break and late evening).
const STORE_HOURS = [3, 5, 7, 7, 5, 4, 4, 5, 7, 9, 9, 7, 4, 2];
const ONLINE_HOURS = [3, 1, 1, 0, 0, 0, 1, 2, 4, 5, 5, 6, 8, 7, 5, 5, 5, 5, 6, 8, 10, 11, 9, 6];

/** Picks an index with probability proportional to `weights` (non-negative, not all zero). */
export function pickWeighted(rng: Random, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  // Rounding can leave u ≥ 0 after the last subtraction: fall back to the last positive weight.
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return 0;
}

/** Seconds since the window's start of a purchase on `day`, at a till or online. */
export function timeOnDay(rng: Random, day: number, online: boolean): number {
  const hour = online ? pickWeighted(rng, ONLINE_HOURS) : 8 + pickWeighted(rng, STORE_HOURS);
  return day * 86_400 + hour * 3600 + Math.floor(rng.next() * 3600);
}

/** `t` moved, if it falls at night (22:00–8:00), to a moment between 8:00 and 10:00 the next morning. */
export function awake(rng: Random, t: number): number {
  const hour = Math.floor((t % 86_400) / 3600);
  if (hour >= 8 && hour < 22) return t;
  const morning = Math.floor(t / 86_400) * 86_400 + (hour >= 22 ? 86_400 : 0) + 8 * 3600;
  return morning + Math.floor(rng.next() * 7200);
}
