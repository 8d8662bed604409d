// The Kaplan-Meier estimator with Greenwood's variance and confidence bands, overall or by group,
// matching R's survival::survfit() defaults (checked against fixtures/km-*.json made by R).
//   S(t) = Π_{t_j ≤ t} (1 − d_j / n_j)                 Kaplan & Meier (1958), JASA 53, eq. (2.2)
//   Var[−log S(t)] ≈ Σ_{t_j ≤ t} d_j / (n_j (n_j − d_j))   Greenwood (1926); survfit's std.err is its root
// with n_j the (weighted) number at risk just before t_j and d_j the (weighted) events at t_j.
// Ties: events at t_j happen before the censorings at t_j, so a record censored at t_j is still at
// risk at t_j (the convention of Kaplan & Meier and of survfit).
import { CONF_TYPES, confidenceBand, medianSurvival, type ConfType, type MedianSurvival } from './survival-bands.ts';
import { SurvivalError } from './survival-error.ts';

export interface SurvivalInput {
  /** Time of the event or of censoring (any finite number; equal only when exactly equal). */
  time: ArrayLike<number>;
  /** 1 (or true) for an observed event, 0 (or false) for censoring. */
  event: ArrayLike<number | boolean>;
  /** Case weights ≥ 0 (default 1): a weight of k counts the record k times. */
  weight?: ArrayLike<number>;
}

export interface KaplanMeierOptions {
  /** Band transformation, survfit's conf.type; default 'log' (survfit's default). */
  confType?: ConfType;
  /** Band level, survfit's conf.int; default 0.95. */
  confInt?: number;
}

/** One row per distinct time, events and censorings alike (survfit's `time`; summary() shows only event rows). */
export interface KaplanMeierCurve {
  time: Float64Array;
  nRisk: Float64Array;
  nEvent: Float64Array;
  nCensor: Float64Array;
  surv: Float64Array;
  /** Standard error of −log S(t) (survfit's std.err); Infinity once S = 0. */
  stdErr: Float64Array;
  /** Standard error of S(t) itself, S·stdErr (the std.err column summary.survfit prints). */
  stdErrSurv: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Number of input records (zero weights included), print.survfit's n / records. */
  records: number;
  /** Weighted number of events. */
  events: number;
  median: MedianSurvival;
  confType: ConfType;
  confInt: number;
}

/**
 * The Kaplan-Meier curve of one sample.
 * @example
 * const km = kaplanMeier({ time: [1, 2, 2, 3, 3], event: [1, 0, 1, 1, 1] });
 * km.surv // Float64Array [0.8, 0.6, 0]; km.median.median // 3
 */
export function kaplanMeier(input: SurvivalInput, options: KaplanMeierOptions = {}): KaplanMeierCurve {
  const confType = options.confType ?? 'log';
  const confInt = options.confInt ?? 0.95;
  if (!CONF_TYPES.includes(confType)) throw new SurvivalError('invalid-option', `the band type must be one of ${CONF_TYPES.join(', ')} (got ${String(confType)})`);
  const { time, event, weight } = checkInput(input);
  const n = time.length;
  if (n === 0) throw new SurvivalError('invalid-input', 'a survival curve needs at least one record');
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a] - time[b]);
  const rows = { time: [] as number[], nEvent: [] as number[], nCensor: [] as number[] };
  for (let k = 0; k < n;) {
    const t = time[order[k]];
    let d = 0;
    let c = 0;
    for (; k < n && time[order[k]] === t; k++) {
      const i = order[k];
      if (event[i]) d += weight(i); else c += weight(i);
    }
    rows.time.push(t); rows.nEvent.push(d); rows.nCensor.push(c);
  }
  const m = rows.time.length;
  // The number at risk summed from the last time backwards: at the last time it is exactly d + c, so
  // a curve whose last records are all events reaches exactly 0 even with fractional weights.
  const nRisk = new Float64Array(m);
  for (let j = m - 1, acc = 0; j >= 0; j--) { acc += rows.nEvent[j] + rows.nCensor[j]; nRisk[j] = acc; }
  const surv = new Float64Array(m);
  const stdErr = new Float64Array(m);
  let s = 1;
  let greenwood = 0;
  let events = 0;
  for (let j = 0; j < m; j++) {
    const d = rows.nEvent[j];
    const r = nRisk[j];
    if (d > 0) {
      // (n − d)/n rather than 1 − d/n: exactly 0 when everyone at risk has the event.
      s *= (r - d) / r;
      greenwood += d / (r * (r - d)); // Infinity when d = n, as survfit's std.err
    }
    surv[j] = s;
    stdErr[j] = Math.sqrt(greenwood);
    events += d;
  }
  const band = confidenceBand(surv, stdErr, confType, confInt);
  const t = Float64Array.from(rows.time);
  return {
    time: t, nRisk, nEvent: Float64Array.from(rows.nEvent), nCensor: Float64Array.from(rows.nCensor),
    surv, stdErr, stdErrSurv: surv.map((v, i) => v * stdErr[i]), lower: band.lower, upper: band.upper,
    records: n, events, median: medianSurvival(t, surv, band), confType, confInt,
  };
}

export interface GroupCurve {
  group: string;
  curve: KaplanMeierCurve;
}

/**
 * One Kaplan-Meier curve per group (survfit's strata), groups in code-point order of their names.
 * @example kaplanMeierByGroup({ time: [5, 8, 3], event: [1, 0, 1] }, ['a', 'a', 'b']).map((g) => g.group) // ['a', 'b']
 */
export function kaplanMeierByGroup(input: SurvivalInput, group: ArrayLike<string>, options: KaplanMeierOptions = {}): GroupCurve[] {
  if (group.length !== input.time.length) {
    throw new SurvivalError('invalid-input', `group has ${group.length} values but time has ${input.time.length}`);
  }
  const members = new Map<string, number[]>();
  for (let i = 0; i < group.length; i++) {
    const list = members.get(group[i]);
    if (list) list.push(i); else members.set(group[i], [i]);
  }
  return [...members.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((g) => {
    const idx = members.get(g) ?? [];
    const pick = <T>(a: ArrayLike<T>): T[] => idx.map((i) => a[i]);
    return {
      group: g,
      curve: kaplanMeier({ time: pick(input.time), event: pick(input.event), weight: input.weight ? pick(input.weight) : undefined }, options),
    };
  });
}

function checkInput(input: SurvivalInput): { time: ArrayLike<number>; event: ArrayLike<number | boolean>; weight: (i: number) => number } {
  const { time, event, weight } = input;
  const n = time.length;
  if (event.length !== n) throw new SurvivalError('invalid-input', `event has ${event.length} values but time has ${n}`);
  if (weight && weight.length !== n) throw new SurvivalError('invalid-input', `weight has ${weight.length} values but time has ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(time[i])) throw new SurvivalError('invalid-input', `time ${i + 1} is not a finite number (${time[i]})`);
    const e = event[i];
    if (!(e === 0 || e === 1 || e === true || e === false)) throw new SurvivalError('invalid-input', `event ${i + 1} must be 0 or 1 (got ${String(e)})`);
    if (weight && !(weight[i] >= 0 && Number.isFinite(weight[i]))) throw new SurvivalError('invalid-input', `weight ${i + 1} must be a finite number ≥ 0 (got ${weight[i]})`);
  }
  return { time, event, weight: weight ? (i) => weight[i] : () => 1 };
}

export interface SurvivalAt {
  time: number;
  /** Number at risk at `time` (records with a time ≥ it), as summary(fit, times = …). */
  nRisk: number;
  surv: number;
  stdErrSurv: number;
  lower: number;
  upper: number;
}

/**
 * The curve read at given times (a step function, right-continuous): the values of the last curve
 * time ≤ t, or 1 with no uncertainty before the first; summary.survfit(fit, times, extend = TRUE).
 * @example survivalAt(km, [30, 90, 180]).map((r) => r.surv) // share not yet lapsed at each
 */
export function survivalAt(curve: KaplanMeierCurve, times: readonly number[]): SurvivalAt[] {
  return times.map((t) => {
    let j = -1;
    while (j + 1 < curve.time.length && curve.time[j + 1] <= t) j++;
    // At risk at t: the records with a time ≥ t, i.e. the risk set of the first curve time ≥ t.
    const first = j >= 0 && curve.time[j] === t ? j : j + 1;
    const nRisk = first < curve.time.length ? curve.nRisk[first] : 0;
    if (j < 0) return { time: t, nRisk, surv: 1, stdErrSurv: 0, lower: 1, upper: 1 };
    return { time: t, nRisk, surv: curve.surv[j], stdErrSurv: curve.stdErrSurv[j], lower: curve.lower[j], upper: curve.upper[j] };
  });
}
