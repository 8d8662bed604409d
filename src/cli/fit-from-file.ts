// Reads a model's inputs from a file and fits it: the glue between `cvm fit` and the pure models.
import { fitBgBb } from '../analytics/models/bg-bb.ts';
import { fitBgNbd } from '../analytics/models/bg-nbd.ts';
import { fitGammaGamma } from '../analytics/models/gamma-gamma.ts';
import { fitMbgNbd } from '../analytics/models/mbg-nbd.ts';
import { fitParetoNbd } from '../analytics/models/pareto-nbd.ts';
import { toRfPatterns } from '../analytics/models/rf-patterns.ts';
import type { SavedModel } from '../analytics/models/saved-model.ts';
import { fitSbg } from '../analytics/models/sbg.ts';
import type { FitOptions, FitResult, ModelName, RfPatterns } from '../analytics/models/types.ts';
import { CliError } from './cli-error.ts';
import { assertUniqueIds, readTable, type WantedColumn } from './read-table.ts';

export const MODEL_TITLES: Record<ModelName, string> = {
  bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD', pnbd: 'Pareto/NBD', bgbb: 'BG/BB', gg: 'Gamma-Gamma', sbg: 'sBG',
};

export interface FitFileOptions {
  mapping: Record<string, string>;
  penalizer: number;
  standardErrors: boolean;
  column?: string;
  cohort?: string;
  periods?: string;
  percent?: boolean;
}

const COUNT_FITS: Partial<Record<ModelName, (d: RfPatterns, o: FitOptions) => FitResult>> = {
  bgnbd: fitBgNbd, mbgnbd: fitMbgNbd, pnbd: fitParetoNbd,
};

const col = (name: string, required = true, text = false): WantedColumn => ({ name, required, text });

export async function fitFromFile(model: ModelName, file: string, o: FitFileOptions): Promise<SavedModel> {
  const fitOptions: FitOptions = { penalizer: o.penalizer, standardErrors: o.standardErrors };
  const countFit = COUNT_FITS[model];
  if (countFit) {
    const t = await readTable(file, [col('frequency'), col('recency'), col('T'), col('weight', false), col('customer_id', false, true)], o.mapping);
    assertUniqueIds(t.text.customer_id, file);
    const data = toRfPatterns({ x: t.numbers.frequency, tx: t.numbers.recency, T: t.numbers.T, weight: t.numbers.weight, ids: t.text.customer_id });
    return strip(countFit(data, fitOptions));
  }
  if (model === 'bgbb') {
    const t = await readTable(file, [col('frequency'), col('recency'), col('n_periods'), col('weight', false)], o.mapping);
    return strip(fitBgBb({ x: t.numbers.frequency, tx: t.numbers.recency, n: t.numbers.n_periods, weight: t.numbers.weight }, fitOptions));
  }
  if (model === 'gg') {
    const t = await readTable(file, [col('frequency'), col('monetary_value'), col('weight', false), col('customer_id', false, true)], o.mapping);
    assertUniqueIds(t.text.customer_id, file);
    const r = fitGammaGamma({ x: t.numbers.frequency, monetary: t.numbers.monetary_value, weight: t.numbers.weight, ids: t.text.customer_id }, fitOptions);
    return { ...strip(r), skipped: r.skipped };
  }
  return fitSbgFromFile(file, o, fitOptions);
}

async function fitSbgFromFile(file: string, o: FitFileOptions, fitOptions: FitOptions): Promise<SavedModel> {
  if (!o.column) throw new CliError('usage', 'sbg needs --column NAME: the survival-table column to fit');
  const t = await readTable(file, [col('survivors')], { survivors: o.column });
  let values = Array.from(t.numbers.survivors);
  if (o.periods !== undefined) {
    const k = Number(o.periods);
    if (!Number.isInteger(k) || k < 1) throw new CliError('usage', `--periods must be a whole number ≥ 1, got "${o.periods}"`);
    if (k + 1 > values.length) throw new CliError('input', `--periods ${k} needs ${k + 1} rows (periods 0..${k}); ${file} has ${values.length}`);
    values = values.slice(0, k + 1);
  }
  if (values.some((v) => !Number.isFinite(v))) throw new CliError('input', `${file}: column "${o.column}" has empty values in the periods to fit`);
  const percent = o.percent === true || values[0] === 100;
  if (percent && o.cohort !== undefined) {
    const n = Number(o.cohort);
    if (!Number.isInteger(n) || n < 1) throw new CliError('usage', `--cohort must be a whole number ≥ 1, got "${o.cohort}"`);
    // Percentages of a cohort of n: the counts it stands for (rounded to whole customers).
    return strip(fitSbg({ survivors: values.map((v) => Math.round((v / 100) * n)) }, fitOptions));
  }
  return strip(fitSbg({ survivors: values, percent }, fitOptions));
}

/** Drops nothing but keeps the field order of the documented JSON: model, params, logLik, … */
function strip<P extends string>(r: FitResult<P>): SavedModel {
  return {
    model: r.model, params: r.params, logLik: r.logLik, standardErrors: r.standardErrors, aic: r.aic, bic: r.bic, n: r.n,
    covariance: r.covariance, iterations: r.iterations, method: r.method, penalizer: r.penalizer,
  };
}


