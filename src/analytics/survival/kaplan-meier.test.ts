import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, kaplanMeierByGroup, survivalAt, type KaplanMeierCurve } from './kaplan-meier.ts';
import { normalQuantile } from './normal-quantile.ts';
import { CONF_TYPES, type ConfType } from './survival-bands.ts';

// Fixtures made by R 4.2.2 with survival 3.5-3 (fixtures/make-fixtures.R): survfit() curves, bands
// and the print.survfit() median table. Tolerance 1e-10 (relative, absolute below 1): we evaluate
// the same closed forms (products, Greenwood sums, exp/log of the band) as survival's C and R code,
// in the same double arithmetic, so differences come only from operation order and the 15
// significant digits the fixtures are written with, both below 1e-13 here; a wrong formula (ties,
// censoring order, variance or band) moves values by 1e-4 or more, so 1e-10 cannot hide one.
const TOL = 1e-10;
type FixNum = number | null | 'Inf' | '-Inf';
interface FixBand { lower: FixNum[]; upper: FixNum[]; median: FixNum; medianLower: FixNum; medianUpper: FixNum }
interface FixGroup {
  group: string; records: number; events: number;
  time: FixNum[]; nRisk: FixNum[]; nEvent: FixNum[]; nCensor: FixNum[]; surv: FixNum[]; stdErr: FixNum[]; stdErrSurv: FixNum[];
  bands: Record<ConfType, FixBand>;
}
interface Fixture { case: string; confInt: number; input: { time: number[]; event: number[]; weight: number[]; group: string[] }; groups: FixGroup[] }

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
/** R's NA is null in the JSON, Inf a string; here both become the numbers our code uses (NaN, ±Infinity). */
const value = (v: FixNum): number => (v === null ? Number.NaN : v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : v);

/** Largest relative (absolute below 1) difference; NaN and infinities must coincide exactly. */
function maxDiff(got: ArrayLike<number>, want: readonly FixNum[]): number {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const w = value(want[i]);
    const g = got[i];
    if (!Number.isFinite(w) || !Number.isFinite(g)) {
      expect(Object.is(g, w) || (Number.isNaN(g) && Number.isNaN(w)), `element ${i}: got ${g}, R has ${w}`).toBe(true);
      continue;
    }
    worst = Math.max(worst, Math.abs(g - w) / Math.max(1, Math.abs(w)));
  }
  return worst;
}

const CASES = ['aml', 'lung', 'ties', 'last-censored', 'median', 'weights', 'weights-frac'];

describe('Kaplan-Meier against survival::survfit', () => {
  for (const name of CASES) {
    const fx = fixture<Fixture>(`km-${name}.json`);
    for (const confType of CONF_TYPES) {
      it(`${name}, conf.type = "${confType}", conf.int = ${fx.confInt}`, () => {
        const input = { time: fx.input.time, event: fx.input.event, weight: fx.input.weight };
        const curves = kaplanMeierByGroup(input, fx.input.group, { confType, confInt: fx.confInt });
        expect(curves.map((c) => c.group).sort()).toEqual(fx.groups.map((g) => g.group).sort());
        for (const want of fx.groups) {
          const got = curves.find((c) => c.group === want.group)?.curve as KaplanMeierCurve;
          expect([got.records, got.events]).toEqual([want.records, want.events]);
          const band = want.bands[confType];
          const diffs = {
            time: maxDiff(got.time, want.time), nRisk: maxDiff(got.nRisk, want.nRisk), nEvent: maxDiff(got.nEvent, want.nEvent),
            nCensor: maxDiff(got.nCensor, want.nCensor), surv: maxDiff(got.surv, want.surv), stdErr: maxDiff(got.stdErr, want.stdErr),
            stdErrSurv: maxDiff(got.stdErrSurv, want.stdErrSurv), lower: maxDiff(got.lower, band.lower), upper: maxDiff(got.upper, band.upper),
            median: maxDiff([got.median.median, got.median.lower, got.median.upper], [band.median, band.medianLower, band.medianUpper]),
          };
          for (const [what, d] of Object.entries(diffs)) expect(d, `${want.group} ${what}`).toBeLessThan(TOL);
        }
      });
    }
  }

  it('prints the aml medians that print(survfit(Surv(time, status) ~ x, data = aml)) shows', () => {
    // R 4.2.2 / survival 3.5-3 prints: x=Maintained n 11, events 7, median 31, 0.95LCL 18, UCL NA;
    // x=Nonmaintained n 12, events 11, median 23, LCL 8, UCL NA.
    const fx = fixture<Fixture>('km-aml.json');
    const [m, nm] = kaplanMeierByGroup(fx.input, fx.input.group);
    expect([m.group, m.curve.records, m.curve.events, m.curve.median.median, m.curve.median.lower, m.curve.median.upper]).toEqual(['Maintained', 11, 7, 31, 18, Number.NaN]);
    expect([nm.group, nm.curve.records, nm.curve.events, nm.curve.median.median, nm.curve.median.lower, nm.curve.median.upper]).toEqual(['Nonmaintained', 12, 11, 23, 8, Number.NaN]);
  });
});

describe('Kaplan-Meier worked by hand', () => {
  it('puts censorings after the events at a tied time and uses Greenwood on −log S', () => {
    // t=1: 5 at risk, 1 event → S = 4/5; t=2: 4 at risk (the censored one too), 1 event → S = 0.8·3/4 = 0.6;
    // t=3: 2 at risk, 2 events → S = 0. Greenwood: 1/(5·4) = 0.05, then + 1/(4·3) → 0.05 + 0.08333…
    const km = kaplanMeier({ time: [3, 1, 2, 2, 3], event: [1, 1, 0, 1, 1] });
    expect(Array.from(km.time)).toEqual([1, 2, 3]);
    expect(Array.from(km.nRisk)).toEqual([5, 4, 2]);
    expect(Array.from(km.nCensor)).toEqual([0, 1, 0]);
    expect(km.surv[0]).toBeCloseTo(0.8, 15);
    expect(km.surv[1]).toBeCloseTo(0.6, 15);
    expect(km.surv[2]).toBe(0);
    expect(km.stdErr[0]).toBeCloseTo(Math.sqrt(0.05), 15);
    expect(km.stdErr[1]).toBeCloseTo(Math.sqrt(0.05 + 1 / 12), 15);
    expect(km.stdErr[2]).toBe(Infinity);
    // log band at t=1: 0.8·exp(±1.959964·0.2236068) → lower 0.5161, upper clipped at 1; undefined at S = 0.
    expect(km.lower[0]).toBeCloseTo(0.8 * Math.exp(-normalQuantile(0.975) * Math.sqrt(0.05)), 14);
    expect(km.upper[0]).toBe(1);
    expect(Number.isNaN(km.lower[2])).toBe(true);
    // S falls to 0 (≤ 0.5) first at t = 3, with no 0.5 plateau.
    expect(km.median.median).toBe(3);
  });

  it('reads the curve at given times as summary(fit, times = …) does', () => {
    const km = kaplanMeier({ time: [3, 1, 2, 2, 3], event: [1, 1, 0, 1, 1] });
    // Before the first time: S = 1, all 5 at risk; at 2: S = 0.6 with 4 at risk (time ≥ 2);
    // between 2 and 3: S stays 0.6, 2 at risk; after the last time: nobody at risk.
    const at = survivalAt(km, [0.5, 2, 2.5, 4]);
    expect(at.map((a) => a.nRisk)).toEqual([5, 4, 2, 0]);
    expect(at.map((a) => Number(a.surv.toFixed(12)))).toEqual([1, 0.6, 0.6, 0]);
    expect(at[0]).toMatchObject({ stdErrSurv: 0, lower: 1, upper: 1 });
  });

  it('counts a weight-k record k times', () => {
    const weighted = kaplanMeier({ time: [2, 4, 6], event: [1, 0, 1], weight: [3, 2, 1] });
    const expanded = kaplanMeier({ time: [2, 2, 2, 4, 4, 6], event: [1, 1, 1, 0, 0, 1] });
    expect(Array.from(weighted.surv)).toEqual(Array.from(expanded.surv));
    expect(Array.from(weighted.stdErr)).toEqual(Array.from(expanded.stdErr));
  });

  it('refuses input that makes no curve, naming the record', () => {
    expect(() => kaplanMeier({ time: [], event: [] })).toThrow(/at least one record/);
    expect(() => kaplanMeier({ time: [1, Number.NaN], event: [1, 1] })).toThrow(/time 2 is not a finite number/);
    expect(() => kaplanMeier({ time: [1, 2], event: [1, 2] })).toThrow(/event 2 must be 0 or 1/);
    expect(() => kaplanMeier({ time: [1, 2], event: [1, 0], weight: [1, -1] })).toThrow(/weight 2 must be a finite number ≥ 0/);
    expect(() => kaplanMeier({ time: [1], event: [1] }, { confInt: 1 })).toThrow(/between 0 and 1/);
    expect(() => kaplanMeierByGroup({ time: [1, 2], event: [1, 0] }, ['a'])).toThrow(/group has 1 values but time has 2/);
  });
});

describe('normalQuantile (AS 241) against R qnorm', () => {
  it('agrees to 1e-14 relative in the central region and both tails', () => {
    // AS 241 is accurate to about 1e-16 and R uses the same algorithm; 1e-14 allows for the 15 printed digits.
    const fx = fixture<{ p: number[]; q: number[] }>('normal-quantile.json');
    fx.p.forEach((p, i) => expect(Math.abs(normalQuantile(p) - fx.q[i]), `p = ${p}`).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(fx.q[i]))));
    expect(() => normalQuantile(1)).toThrow(/0 < p < 1/);
  });
});
