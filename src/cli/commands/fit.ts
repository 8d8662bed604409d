// `cvm fit <model> <file>`: fits one model to a summary file (or an RF matrix / a survival table) and
// prints the result; `--out` saves it for `cvm predict`.
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { MODEL_NAMES, type SavedModel } from '../../analytics/models/saved-model.ts';
import { TIME_UNITS, type ModelName, type TimeUnit } from '../../analytics/models/types.ts';
import { CliError } from '../cli-error.ts';
import { fitFromFile, MODEL_TITLES } from '../fit-from-file.ts';
import { emit, formatOption, num, type OutputFormat } from '../output.ts';
import { parseMapping } from '../read-table.ts';

interface FitFlags {
  map?: string;
  penalizer: string;
  standardErrors: boolean;
  unit?: TimeUnit;
  out?: string;
  column?: string;
  cohort?: string;
  periods?: string;
  percent?: boolean;
  format: OutputFormat;
}

const HELP = `
Inputs (default column names; rename with --map name=column,...):
  bgnbd, mbgnbd, pnbd  frequency, recency, T [, weight] [, customer_id]   (cvm summary's output)
  bgbb                 frequency, recency, n_periods [, weight]           (an RF matrix)
  gg                   frequency, monetary_value [, weight] [, customer_id]; fits customers with frequency > 0
  sbg                  a survival table: --column NAME --periods K [--cohort N] (values are counts,
                       or percentages when the first is 100 or --percent is given)

Examples:
  cvm fit bgnbd summary.csv --format json
  cvm fit bgnbd cdnow.csv --map frequency=x,recency=t_x,T=T_cal --out bgnbd.json
  cvm fit gg summary.csv --out gg.json
  cvm fit bgbb donations.csv --map n_periods=periods,weight=weights
  cvm fit sbg retention.csv --column high_end --periods 7`;

export function registerFit(program: Command): void {
  program
    .command('fit')
    .description('fit a CLV model (maximum likelihood) and print its parameters, standard errors, log-likelihood, AIC and BIC')
    .argument('<model>', `one of ${MODEL_NAMES.join(', ')}`)
    .argument('<file>', 'CSV or Parquet input')
    .option('--map <pairs>', 'column mapping, e.g. frequency=x,recency=t_x,T=T_cal')
    .option('--penalizer <number>', 'L2 penalty on the parameters (lifetimes semantics)', '0')
    .option('--no-standard-errors', 'skip the Hessian (faster on huge inputs)')
    .addOption(new Option('--unit <unit>', 'time unit of recency and T, recorded in the model file').choices(TIME_UNITS))
    .option('--out <file>', 'save the fitted model as JSON for cvm predict')
    .option('--column <name>', 'sbg: the survival-table column')
    .option('--cohort <n>', 'sbg: cohort size when the values are percentages (default 1000, as Fader & Hardie 2007)')
    .option('--periods <k>', 'sbg: fit periods 0..k (the calibration part of the table)')
    .option('--percent', 'sbg: the values are percentages of the cohort')
    .addOption(formatOption())
    .addHelpText('after', HELP)
    .action(async (model: string, file: string, flags: FitFlags) => {
      if (!MODEL_NAMES.includes(model as ModelName)) throw new CliError('usage', `unknown model "${model}"; choose one of ${MODEL_NAMES.join(', ')}`);
      const penalizer = Number(flags.penalizer);
      if (!(penalizer >= 0)) throw new CliError('usage', `--penalizer must be a number ≥ 0, got "${flags.penalizer}"`);
      const saved = await fitFromFile(model as ModelName, file, {
        mapping: parseMapping(flags.map), penalizer, standardErrors: flags.standardErrors,
        column: flags.column, cohort: flags.cohort, periods: flags.periods, percent: flags.percent,
      });
      if (flags.unit) saved.unit = flags.unit;
      if (flags.out) writeFileSync(flags.out, JSON.stringify(saved, null, 2) + '\n');
      emit(flags.format, saved, () => renderFit(saved, flags.out));
    });
}

function renderFit(s: SavedModel, out?: string): string {
  const lines = [`${MODEL_TITLES[s.model]} fitted on ${s.n} ${s.model === 'sbg' ? 'cohort members' : 'customers'}` + (s.skipped ? ` (${s.skipped} skipped: no repeat purchase)` : '')];
  for (const [k, v] of Object.entries(s.params)) {
    const se = s.standardErrors?.[k];
    lines.push(`  ${k.padEnd(6)} ${num(v).padStart(12)}${se !== undefined ? `   (s.e. ${num(se, 4)})` : ''}`);
  }
  lines.push(`  log-likelihood ${num(s.logLik, 10)}   AIC ${num(s.aic, 8)}   BIC ${num(s.bic, 8)}`);
  if (out) lines.push(`saved to ${out}`);
  return lines.join('\n');
}
