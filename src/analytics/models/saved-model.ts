// A fitted model as a file: what `cvm fit --out` writes and `cvm predict --model` reads. Validated on
// read (zod), so a hand-edited or truncated file gives a clear message rather than NaN predictions.
import { z } from 'zod';
import { ModelError } from './model-error.ts';
import type { FitResult, ModelName, TimeUnit } from './types.ts';

export const MODEL_PARAMS: Record<ModelName, readonly string[]> = {
  bgnbd: ['r', 'alpha', 'a', 'b'],
  mbgnbd: ['r', 'alpha', 'a', 'b'],
  pnbd: ['r', 'alpha', 's', 'beta'],
  bgbb: ['alpha', 'beta', 'gamma', 'delta'],
  gg: ['p', 'q', 'gamma'],
  sbg: ['alpha', 'beta'],
};

export const MODEL_NAMES = Object.keys(MODEL_PARAMS) as ModelName[];

const positive = z.number().positive().finite();
const savedModelSchema = z.object({
  model: z.enum(MODEL_NAMES as [ModelName, ...ModelName[]]),
  params: z.record(z.string(), positive),
  logLik: z.number(),
  standardErrors: z.record(z.string(), z.number()).nullable(),
  covariance: z.array(z.array(z.number())).nullable().optional(),
  aic: z.number(),
  bic: z.number(),
  n: z.number(),
  unit: z.enum(['day', 'week', 'month', 'year']).optional(),
  skipped: z.number().optional(),
});

/** The JSON document of a fit: FitResult plus the data's time unit where it has one. */
export interface SavedModel extends Omit<FitResult, 'iterations' | 'method' | 'penalizer'> {
  unit?: TimeUnit;
  skipped?: number;
  iterations?: number;
  method?: string;
  penalizer?: number;
}

/** Parses and checks a saved model (parameter names must be the model's). */
export function parseSavedModel(text: string, source = 'model file'): SavedModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ModelError('invalid-input', `${source} is not JSON`);
  }
  const r = savedModelSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ModelError('invalid-input', `${source} is not a cvm model: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const expected = MODEL_PARAMS[r.data.model];
  const got = Object.keys(r.data.params);
  if (expected.length !== got.length || expected.some((k) => !got.includes(k))) {
    throw new ModelError('invalid-input', `${source}: a ${r.data.model} model has parameters ${expected.join(', ')}, found ${got.join(', ')}`);
  }
  return { ...r.data, covariance: r.data.covariance ?? null };
}
