// `cvm basket <file>`: association rules for cross-selling (关联分析) with R arules' definitions —
// frequent itemsets by relative support, single-item right-hand sides, minlen/maxlen over all items
// of a rule, rhs constraints, and is.redundant() pruning. The file is either one basket per line
// (comma-separated items, no header) or, with --order and --item, order lines read through DuckDB.
import { Option, type Command } from 'commander';
import { associationRules, type AssociationRule, type RuleSet } from '../../analytics/basket/association-rules.ts';
import { readBasketFile, readOrderItemFile } from '../../analytics/basket/read-transactions.ts';
import { isRedundant } from '../../analytics/basket/redundant-rules.ts';
import { RULE_MEASURES, sortRules, type RuleMeasure } from '../../analytics/basket/sort-rules.ts';
import { DEFAULT_MAXLEN, DEFAULT_MINLEN } from '../../analytics/basket/thresholds.ts';
import type { Transactions } from '../../analytics/basket/transactions.ts';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { CliError } from '../cli-error.ts';
import { emit, formatOption, num, type OutputFormat } from '../output.ts';

interface BasketFlags {
  support: string;
  confidence: string;
  minlen: string;
  maxlen: string;
  rhs?: string;
  pruneRedundant?: boolean;
  sort: RuleMeasure;
  limit?: string;
  order?: string;
  item?: string;
  format: OutputFormat;
}

const HELP = `
A rule {X} => {y} says baskets holding every item of X tend to hold y as well.
  support     share of baskets holding X and y          (frequent when ≥ --support)
  confidence  share of the baskets with X that hold y   (kept when ≥ --confidence)
  coverage    share of baskets holding X (1 for {} => {y})
  lift        confidence ÷ share of baskets holding y   (> 1: X raises the chance of y)
  count       baskets holding X and y
Lengths count every item of a rule, lhs and rhs: --minlen 1 (the default, as in R's arules) also
gives {} => {y} for items bought in at least --confidence of all baskets; --minlen 2 leaves them out.
--rhs limits the right-hand side to the items listed; those items then appear only there (arules'
appearance = list(rhs = …)). --prune-redundant drops a rule when a rule of the result with the same
rhs and fewer lhs items is at least as confident (arules' is.redundant).

Examples:
  cvm basket groceries.csv --support 0.001 --confidence 0.5 --sort lift --limit 10
  cvm basket lines.csv --order InvoiceNo --item Description --support 0.01 --confidence 0.3 --minlen 2 --format json
`;

export function registerBasket(program: Command): void {
  program
    .command('basket')
    .description('association rules for cross-selling: support, confidence, coverage, lift (R arules semantics)')
    .argument('<file>', 'baskets, one per line with comma-separated items; or order lines with --order and --item')
    .requiredOption('--support <s>', 'minimum support: share of baskets holding all items of a rule, in (0, 1]')
    .requiredOption('--confidence <c>', 'minimum confidence, in [0, 1]')
    .option('--minlen <n>', 'fewest items in a rule, lhs and rhs together', String(DEFAULT_MINLEN))
    .option('--maxlen <n>', 'most items in a rule, lhs and rhs together', String(DEFAULT_MAXLEN))
    .option('--rhs <items>', 'comma-separated items allowed as the right-hand side (and only there)')
    .option('--prune-redundant', 'drop rules no more confident than a more general rule with the same rhs')
    .addOption(new Option('--sort <measure>', 'order of the rules, highest first').choices(RULE_MEASURES).default('lift'))
    .option('--limit <n>', 'print only the first n rules after sorting')
    .option('--order <col>', 'order (basket) id column of an order-lines file with a header')
    .option('--item <col>', 'item column of an order-lines file with a header')
    .addOption(formatOption())
    .addHelpText('after', HELP)
    .action(async (file: string, flags: BasketFlags) => {
      const support = number(flags.support, '--support');
      const confidence = number(flags.confidence, '--confidence');
      const minlen = number(flags.minlen, '--minlen');
      const maxlen = number(flags.maxlen, '--maxlen');
      const limit = flags.limit === undefined ? undefined : number(flags.limit, '--limit');
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) throw new CliError('usage', `--limit must be a whole number ≥ 0 (got "${flags.limit}")`);
      const rhs = flags.rhs?.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      if (rhs !== undefined && rhs.length === 0) throw new CliError('usage', '--rhs needs at least one item');
      const tx = await readInput(file, flags);
      const found = associationRules(tx, { support, confidence, minlen, maxlen, rhs });
      let rules = found.rules;
      let pruned = 0;
      if (flags.pruneRedundant) {
        const redundant = isRedundant(rules);
        rules = rules.filter((_, i) => !redundant[i]);
        pruned = found.rules.length - rules.length;
      }
      const sorted = sortRules(rules, flags.sort, found.labels);
      const shown = limit === undefined ? sorted : sorted.slice(0, limit);
      const json = {
        transactions: found.transactions, items: found.items, count: shown.length,
        rules: shown.map((r) => ({
          lhs: r.lhs.map((c) => found.labels[c]), rhs: [found.labels[r.rhs]],
          support: r.support, confidence: r.confidence, coverage: r.coverage, lift: r.lift, count: r.count,
        })),
      };
      emit(flags.format, json, () => render(found, { support, confidence, minlen, maxlen, rhs }, sorted.length, pruned, shown, flags.sort));
    });
}

async function readInput(file: string, flags: BasketFlags): Promise<Transactions> {
  if (flags.order === undefined && flags.item === undefined) return readBasketFile(file);
  if (flags.order === undefined || flags.item === undefined) throw new CliError('usage', 'an order-lines file needs both --order COL and --item COL');
  const db = await DuckDbEngine.open({ threads: 2 });
  try {
    return await readOrderItemFile(db, file, { order: flags.order, item: flags.item });
  } finally {
    db.close();
  }
}

function number(text: string, flag: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new CliError('usage', `${flag} must be a number (got "${text}")`);
  return v;
}

interface Asked { support: number; confidence: number; minlen: number; maxlen: number; rhs?: string[] }

function render(found: RuleSet, a: Asked, total: number, pruned: number, shown: readonly AssociationRule[], by: RuleMeasure): string {
  const lines = [
    `${num(found.transactions)} baskets, ${num(found.items)} items; support ≥ ${num(a.support)} (${num(found.minCount)} baskets), confidence ≥ ${num(a.confidence)}, ` +
      `${a.minlen}–${a.maxlen} items per rule${a.rhs ? `, rhs in {${a.rhs.join(', ')}}` : ''}`,
    `${num(total)} rules${pruned > 0 ? ` (${num(pruned)} redundant rules pruned)` : ''}${shown.length < total ? `; the first ${shown.length} by ${by}:` : `, by ${by}:`}`,
  ];
  if (shown.length === 0) return lines.join('\n');
  const set = (codes: readonly number[]): string => `{${codes.map((c) => found.labels[c]).join(', ')}}`;
  const rows = shown.map((r) => [set(r.lhs), '=>', set([r.rhs]), fixed(r.support), fixed(r.confidence), fixed(r.coverage), fixed(r.lift), String(r.count)]);
  const head = ['lhs', '', 'rhs', 'support', 'confidence', 'coverage', 'lift', 'count'];
  const width = head.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j].length)));
  const line = (row: string[]): string => row.map((c, j) => (j < 3 ? c.padEnd(width[j]) : c.padStart(width[j]))).join('  ').trimEnd();
  lines.push('', line(head), ...rows.map(line));
  return lines.join('\n');
}

/** Four significant digits, as a column of numbers people compare by eye. */
const fixed = (v: number): string => (v >= 1 ? v.toFixed(3) : v.toPrecision(4));
