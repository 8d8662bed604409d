// `cvm lifecycle <transactions>`: lifecycle stages (客户生命周期) learned by a CART tree from what
// customers did in the following window, tested on the next period, applied to today's customers,
// plus the stage-to-stage movement between two dates. Formulas: docs/clustering-and-lifecycle.md.
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { loadOrderLines } from '../../analytics/clustering/load-order-lines.ts';
import { runLifecycle, type LifecycleResult } from '../../analytics/lifecycle/lifecycle-model.ts';
import { STAGE_NAMES, STAGES, type Stage } from '../../analytics/lifecycle/lifecycle-stages.ts';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { CliError } from '../cli-error.ts';
import { detectColumns } from '../detect-columns.ts';
import { emit, formatOption, type OutputFormat } from '../output.ts';

interface LifecycleFlags {
  customer?: string;
  date?: string;
  amount?: string;
  quantity?: string;
  price?: string;
  dateFormat?: string;
  windowDays: string;
  growth: string;
  end?: string;
  cutoff?: string;
  from?: string;
  to?: string;
  maxDepth: string;
  minLeaf?: string;
  folds: string;
  prune: 'min' | '1se';
  seed: string;
  out?: string;
  format: OutputFormat;
}

const HELP = `
Stages, from what a customer did in the w days after a cut-off c (first rule that holds):
  churned      no purchase in the window
  exploration  first purchase in the w days before c, and only one purchase so far
  formation    window spend ≥ (1 + g) × spend in the w days before c
  decline      window spend ≤ (1 − g) × that spend
  stability    otherwise
The tree learns these from features known at c (recency, purchases, spend, tenure, spend in the
last two periods, trend, spend per purchase), is trained at c = end − 2w, tested at c + w, and then
classifies every customer as of the end of the data. A purchase is a day with a non-negative line.

Example:
  cvm lifecycle cdnowElog.csv --customer masterid --date date --amount sales --window-days 90`;

const day = (flag: string, v: string | undefined): string | undefined => {
  if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new CliError('usage', `${flag} must be a date written YYYY-MM-DD, got "${v}"`);
  return v;
};
const whole = (flag: string, v: string, min: number): number => {
  const n = Number(v);
  if (!(Number.isInteger(n) && n >= min)) throw new CliError('usage', `${flag} must be a whole number ≥ ${min}, got "${v}"`);
  return n;
};

export function registerLifecycle(program: Command): void {
  program
    .command('lifecycle')
    .description('lifecycle stages (exploration, formation, stability, decline, churned) learned by a decision tree, with its rules')
    .argument('<transactions>', 'transactions file: CSV (also .csv.gz) or Parquet')
    .option('--customer <col>', 'customer id column (default: detected)')
    .option('--date <col>', 'date column (default: detected)')
    .option('--amount <col>', 'amount column (default: detected)')
    .option('--quantity <col>', 'quantity column: amount = quantity × price when there is no amount column')
    .option('--price <col>', 'unit price column')
    .option('--date-format <fmt>', 'strptime format of the dates, e.g. %d/%m/%Y')
    .option('--window-days <n>', 'label window w in days', '90')
    .option('--growth <g>', 'spend change that counts as formation / decline', '0.2')
    .option('--end <date>', 'last day used, YYYY-MM-DD (default: the last transaction day)')
    .option('--cutoff <date>', 'training cut-off, YYYY-MM-DD (default: end − 2w)')
    .option('--from <date>', 'movement matrix: stages as of this day (default: end − w)')
    .option('--to <date>', 'movement matrix: … to the stages as of this day (default: end)')
    .option('--max-depth <n>', 'deepest split level of the tree', '4')
    .option('--min-leaf <n>', 'fewest training customers in a leaf (default: max(7, 0.5 % of them))')
    .option('--folds <n>', 'cross-validation folds for pruning', '10')
    .addOption(new Option('--prune <rule>', 'min: lowest cross-validated error; 1se: smallest tree within one SE of it').choices(['min', '1se']).default('min'))
    .option('--seed <n>', 'seed of the cross-validation folds', '1')
    .option('--out <file>', "write today's customers with their predicted stage and rule to this CSV")
    .addOption(formatOption())
    .addHelpText('after', HELP)
    .action(async (file: string, flags: LifecycleFlags) => {
      const growth = Number(flags.growth);
      if (!(growth >= 0 && growth < 1)) throw new CliError('usage', `--growth must be a number in [0, 1), got "${flags.growth}"`);
      const options = {
        windowDays: whole('--window-days', flags.windowDays, 1), growth, end: day('--end', flags.end), trainCutoff: day('--cutoff', flags.cutoff),
        movementFrom: day('--from', flags.from), movementTo: day('--to', flags.to), maxDepth: whole('--max-depth', flags.maxDepth, 1),
        minLeaf: flags.minLeaf === undefined ? undefined : whole('--min-leaf', flags.minLeaf, 1), folds: whole('--folds', flags.folds, 2),
        prune: flags.prune, seed: whole('--seed', flags.seed, 0),
      };
      const db = await DuckDbEngine.open();
      try {
        const byPrice = flags.quantity !== undefined && flags.price !== undefined && flags.amount === undefined;
        const cols = await detectColumns(db, file, { customer: flags.customer, date: flags.date, amount: byPrice ? undefined : flags.amount });
        const load = await loadOrderLines(db, file, {
          customer: cols.customer, date: cols.date, amount: byPrice ? undefined : cols.amount, quantity: flags.quantity, price: flags.price, dateFormat: flags.dateFormat,
        });
        const r = await runLifecycle(db, options);
        if (flags.out) writePredictions(flags.out, r);
        const { ids: _ids, predicted: _predicted, rule: _rule, ...today } = r.today;
        const input = { file, columns: { customer: cols.customer, date: cols.date, amount: load.amountFrom }, rows: load.rows, skippedNoCustomer: load.skippedNoCustomer, customers: load.customers, firstDay: load.firstDay, lastDay: load.lastDay };
        emit(flags.format, { input, ...r, today, output: flags.out ?? null }, () => render(input, r));
      } finally {
        db.close();
      }
    });
}

function writePredictions(path: string, r: LifecycleResult): void {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = ['customer_id,stage,stage_zh,rule'];
  r.today.ids.forEach((id, i) => lines.push(`${quote(id)},${r.today.predicted[i]},${STAGE_NAMES[r.today.predicted[i]].zh},${r.today.rule[i] + 1}`));
  try {
    writeFileSync(path, lines.join('\n') + '\n');
  } catch (e) {
    throw new CliError('io', `cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const count = (v: number): string => v.toLocaleString('en-US');
const pct = (v: number | null): string => (v === null || Number.isNaN(v) ? '—' : `${(100 * v).toFixed(1)} %`);
const stageList = (s: Record<Stage, number>): string => STAGES.map((k) => `${k} ${count(s[k])}`).join(' · ');

function render(input: { file: string; rows: number; skippedNoCustomer: number; customers: number; firstDay: string; lastDay: string }, r: LifecycleResult): string {
  const s = r.settings;
  const out = [
    `${count(input.rows)} lines, ${count(input.customers)} customers, ${input.firstDay} → ${input.lastDay}${input.skippedNoCustomer ? ` (${count(input.skippedNoCustomer)} lines without a customer skipped)` : ''}`,
    `window ${s.windowDays} days, growth ${s.growth}; training cut-off ${s.trainCutoff}, test cut-off ${s.testCutoff}, data to ${s.end}`,
    `training stages: ${stageList(r.train.stages)}`,
    `tree: ${r.tree.leaves} leaves (grown to depth ${s.maxDepth}, leaves ≥ ${s.minLeaf}; pruned by ${s.folds}-fold cross-validation, ${s.prune === 'min' ? 'lowest error' : 'one-SE rule'})` +
      (r.train.sampled ? `, trained on a seeded sample of ${count(r.train.treeRows)} of the ${count(r.train.customers)} customers` : ''),
    'rules:',
    ...r.tree.rules.flatMap((rule, k) => [`  ${k + 1}. ${rule.en}`, `     ${rule.zh}`]),
    `test (cut-off ${r.test.cutoff}): accuracy ${pct(r.test.accuracy)} on ${count(r.test.n)} customers (always "${r.test.baselineStage}": ${pct(r.test.baselineAccuracy)})`,
    `  ${'stage'.padEnd(12)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'customers'.padStart(11)}`,
    ...STAGES.map((st, j) => `  ${st.padEnd(12)}${pct(r.test.perClass[j].precision).padStart(10)}${pct(r.test.perClass[j].recall).padStart(10)}${count(r.test.perClass[j].support).padStart(11)}`),
    '  confusion (rows: actual, columns: predicted, in the order above)',
    ...r.test.confusion.map((row, j) => `  ${STAGES[j].padEnd(12)}${row.map((v) => count(v).padStart(8)).join('')}`),
    `today (${r.today.asOf}), ${count(r.today.customers)} customers: ${stageList(r.today.stages)}`,
    `movement ${r.movement.from} → ${r.movement.to}:`,
    ...r.movement.counts.map((m) => `  ${m.from.padEnd(12)} → ${m.to.padEnd(12)}${count(m.customers).padStart(8)}`),
  ];
  return out.join('\n');
}
