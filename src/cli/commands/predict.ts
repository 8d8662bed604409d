// `cvm predict`: per-customer predictions from a saved model (cvm fit --out) or a fit done on the
// spot, written to CSV/Parquet; for sBG, the projected retention curve of the cohort.
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { bgbb } from '../../analytics/models/bg-bb.ts';
import { bgNbd } from '../../analytics/models/bg-nbd.ts';
import { convertTime } from '../../analytics/models/clv.ts';
import { mbgNbd } from '../../analytics/models/mbg-nbd.ts';
import { paretoNbd } from '../../analytics/models/pareto-nbd.ts';
import { parseSavedModel, type SavedModel } from '../../analytics/models/saved-model.ts';
import { sbgProjectSurvivors, sbgRetentionRate, sbgSurvival, type SbgParams } from '../../analytics/models/sbg.ts';
import { TIME_UNITS, type CountModel, type FitResult, type ModelName, type TimeUnit } from '../../analytics/models/types.ts';
import { CliError } from '../cli-error.ts';
import { fitFromFile } from '../fit-from-file.ts';
import { emit, formatOption, num, type OutputFormat } from '../output.ts';
import { parseMapping } from '../read-table.ts';
import { predictCustomers } from '../predict-customers.ts';

interface PredictFlags {
  model?: string;
  spendModel?: string;
  fit?: string;
  fitSpend?: boolean;
  map?: string;
  horizon?: string;
  unit?: TimeUnit;
  clvMonths: string;
  discountRate: string;
  interval?: string;
  draws: string;
  cohort: string;
  out?: string;
  format: OutputFormat;
}

export const COUNT_MODELS: Partial<Record<ModelName, CountModel>> = {
  bgnbd: bgNbd as CountModel, mbgnbd: mbgNbd as CountModel, pnbd: paretoNbd as CountModel, bgbb: bgbb as CountModel,
};

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('per-customer expected purchases, P(alive), expected spend and discounted CLV (with intervals); sBG retention curves')
    .argument('[file]', 'customer summary (CSV/Parquet: customer_id, frequency, recency, T [, monetary_value]); for bgbb n_periods instead of T')
    .option('--model <file>', 'a saved model from cvm fit --out (bgnbd, mbgnbd, pnbd, bgbb or sbg)')
    .option('--spend-model <file>', 'a saved Gamma-Gamma model: adds expected_spend and clv')
    .addOption(new Option('--fit <model>', 'fit this count model on the file instead of reading --model').choices(['bgnbd', 'mbgnbd', 'pnbd', 'bgbb']))
    .option('--fit-spend', 'also fit Gamma-Gamma on the file (needs monetary_value)')
    .option('--map <pairs>', 'column mapping, e.g. frequency=x,recency=t_x,T=T_cal,monetary_value=zbar')
    .option('--horizon <n>', 'horizon for expected purchases and P(alive), in the data unit (default: 52 weeks in that unit; bgbb: periods; sbg: periods)')
    .addOption(new Option('--unit <unit>', 'time unit of recency and T (default: the model file\'s, else week)').choices(TIME_UNITS))
    .option('--clv-months <n>', 'CLV horizon in months (with a spend model)', '12')
    .option('--discount-rate <rate>', 'annual discount rate for CLV, applied monthly', '0.10')
    .option('--interval <coverage>', 'add central prediction intervals, e.g. 0.9, from parameter uncertainty')
    .option('--draws <n>', 'parameter draws for --interval', '200')
    .option('--cohort <n>', 'sbg: cohort size to project', '1000')
    .option('--out <file>', 'write predictions to this CSV (or .parquet) file')
    .addOption(formatOption())
    .addHelpText('after', `
Examples:
  cvm fit bgnbd summary.csv --unit week --out bgnbd.json && cvm fit gg summary.csv --out gg.json
  cvm predict summary.csv --model bgnbd.json --spend-model gg.json --out predictions.csv
  cvm predict summary.csv --fit pnbd --fit-spend --horizon 26 --interval 0.9 --out predictions.csv
  cvm predict --model sbg.json --horizon 12 --format json`)
    .action(async (file: string | undefined, flags: PredictFlags) => {
      const { count, spend } = await resolveModels(file, flags);
      if (count.model === 'sbg') return predictSbg(count, flags);
      if (!file) throw new CliError('usage', 'a customer summary file is needed for per-customer predictions');
      if (!flags.out && flags.format !== 'json') throw new CliError('usage', 'name the output with --out FILE.csv (or use --format json for a summary only)');
      const unit = flags.unit ?? count.unit ?? 'week';
      const horizon = flags.horizon !== undefined ? positive('--horizon', flags.horizon) : count.model === 'bgbb' ? 1 : convertTime(52, 'week', unit);
      const clvMonths = positive('--clv-months', flags.clvMonths);
      const annual = Number(flags.discountRate);
      if (!(annual >= 0 && annual < 10)) throw new CliError('usage', `--discount-rate must be a yearly rate such as 0.1, got "${flags.discountRate}"`);
      const result = await predictCustomers(file, {
        model: COUNT_MODELS[count.model] as CountModel, fit: count as unknown as FitResult, spend: spend as unknown as FitResult<'p' | 'q' | 'gamma'> | undefined,
        mapping: parseMapping(flags.map), horizon, unit, clvMonths, annualDiscountRate: annual,
        interval: flags.interval !== undefined ? coverage(flags.interval) : undefined, draws: positive('--draws', flags.draws),
        out: flags.out,
      });
      emit(flags.format, result, () => `${result.customers} customers scored with ${count.model}${spend ? ' + Gamma-Gamma' : ''}; horizon ${num(horizon)} ${count.model === 'bgbb' ? 'periods' : unit + 's'}${flags.out ? `; wrote ${flags.out}` : ''}\n` +
        `mean expected purchases ${num(result.mean.expected_purchases, 4)}, mean P(alive) ${num(result.mean.p_alive, 4)}` + (result.mean.clv !== undefined ? `, mean CLV ${num(result.mean.clv, 6)}` : ''));
    });
}

async function resolveModels(file: string | undefined, flags: PredictFlags): Promise<{ count: SavedModel; spend?: SavedModel }> {
  if (flags.model && flags.fit) throw new CliError('usage', 'give either --model FILE or --fit MODEL, not both');
  let count: SavedModel;
  if (flags.model) count = parseSavedModel(readText(flags.model), flags.model);
  else if (flags.fit) {
    if (!file) throw new CliError('usage', '--fit needs the summary file to fit on');
    count = await fitFromFile(flags.fit as ModelName, file, { mapping: parseMapping(flags.map), penalizer: 0, standardErrors: flags.interval !== undefined });
    if (flags.unit) count.unit = flags.unit;
  } else throw new CliError('usage', 'say which model: --model FILE (from cvm fit --out) or --fit bgnbd|mbgnbd|pnbd|bgbb');
  if (count.model === 'gg') throw new CliError('usage', 'a Gamma-Gamma model predicts spend only: pass it as --spend-model next to a purchase model');
  let spend: SavedModel | undefined;
  if (flags.spendModel) spend = parseSavedModel(readText(flags.spendModel), flags.spendModel);
  else if (flags.fitSpend) {
    if (!file) throw new CliError('usage', '--fit-spend needs the summary file');
    spend = await fitFromFile('gg', file, { mapping: parseMapping(flags.map), penalizer: 0, standardErrors: flags.interval !== undefined });
  }
  if (spend && spend.model !== 'gg') throw new CliError('usage', `--spend-model must be a Gamma-Gamma model, ${flags.spendModel} is ${spend.model}`);
  return { count, spend };
}

function predictSbg(model: SavedModel, flags: PredictFlags): void {
  const p = model.params as SbgParams;
  const horizon = flags.horizon !== undefined ? positive('--horizon', flags.horizon) : 12;
  if (!Number.isInteger(horizon)) throw new CliError('usage', '--horizon must be a whole number of periods for sbg');
  const cohort = positive('--cohort', flags.cohort);
  const survivors = sbgProjectSurvivors(p, cohort, horizon);
  const rows = Array.from({ length: horizon + 1 }, (_, t) => ({
    period: t, survival: sbgSurvival(p, t), retention_rate: t === 0 ? null : sbgRetentionRate(p, t), survivors: survivors[t],
  }));
  emit(flags.format, { model: 'sbg', params: p, cohort, rows }, () =>
    ['period  survival  retention  survivors', ...rows.map((r) => `${String(r.period).padStart(6)}  ${num(r.survival, 4).padStart(8)}  ${(r.retention_rate === null ? '' : num(r.retention_rate, 4)).padStart(9)}  ${num(r.survivors, 6).padStart(9)}`)].join('\n'));
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new CliError('io', `cannot read ${path}`);
  }
}

function positive(flag: string, v: string): number {
  const n = Number(v);
  if (!(n > 0 && Number.isFinite(n))) throw new CliError('usage', `${flag} must be a positive number, got "${v}"`);
  return n;
}

function coverage(v: string): number {
  const c = Number(v);
  if (!(c > 0 && c < 1)) throw new CliError('usage', `--interval is a coverage between 0 and 1 such as 0.9, got "${v}"`);
  return c;
}
