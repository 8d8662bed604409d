// `cvm pyramid <sales>`: the customer value pyramid (客户金字塔): customers ranked by historic spend
// or by predicted value (BG/NBD + Gamma-Gamma, as `cvm analyze` predicts it), cut at the top 1 %
// (key), next 4 % (large), next 15 % (medium) and the rest (small), with each tier's shares.
import { Option, type Command } from 'commander';
import { PYRAMID_TIERS, TIER_LABELS } from '../../analytics/pyramid/value-pyramid.ts';
import { CUSTOMER_ORDER } from '../../analytics/summary/summary-sql.ts';
import { quoteString } from '../../engines/duckdb/sql-literal.ts';
import { runValuePipeline } from '../../pipeline/value-pipeline.ts';
import { CliError } from '../cli-error.ts';
import { emit, formatOption, type OutputFormat } from '../output.ts';
import { salesInputOptions, withSales, type SalesInputFlags } from '../sales-input.ts';

interface PyramidFlags extends SalesInputFlags { by: 'historic' | 'predicted'; out?: string; format: OutputFormat }

const HELP = `
Customers are ranked by --by (historic: total spend up to --end; predicted: the 12-month CLV of
BG/NBD + Gamma-Gamma, as cvm analyze computes it), highest first, ties by customer id, and cut at
cumulative shares key 1 %, large 5 %, medium 20 % (pyramid.cuts in --config). Prospects (people
without a purchase) are not in a sales file and count 0 here.

Examples:
  cvm pyramid ../shared/data/online-retail/onlineretail.csv.gz
  cvm pyramid sales.csv --by predicted --out tiers.csv --format json`;

export function registerPyramid(program: Command): void {
  salesInputOptions(program
    .command('pyramid')
    .description('customer value pyramid: key 1 %, large 4 %, medium 15 %, small 80 %, with customer and revenue shares')
    .argument('[sales]', 'sales file (CSV, .csv.gz, Parquet; UTF-8 or GBK); omit it to read --data'))
    .addOption(new Option('--by <value>', 'rank by historic spend or predicted value').choices(['historic', 'predicted']).default('historic'))
    .option('--out <file>', "write every customer's value and tier to this CSV")
    .addOption(formatOption())
    .addHelpText('after', HELP)
    .action(async (file: string | undefined, flags: PyramidFlags) => {
      const result = await withSales(file, flags, async ({ db, end, source, rows, config }) => {
        const cuts = config.pyramid.cuts;
        let value = 'total_spend';
        let model: string | null = null;
        if (flags.by === 'predicted') {
          const p = await runValuePipeline(db, { load: null, end });
          if (!p.spendFit) throw new CliError('input', `${source}: no amounts, so there is no predicted value; use --by historic`);
          value = `clv_${p.horizon.clvMonths}m`;
          model = p.choice.chosen;
          await db.run(`CREATE OR REPLACE TEMP TABLE pyramid_base AS SELECT customer_id, total_spend, ${value} FROM customers`);
        } else {
          await db.run(`CREATE OR REPLACE TEMP TABLE pyramid_base AS SELECT customer_id, sum(amount) AS total_spend FROM transactions
            WHERE CAST(ts AS DATE) <= DATE ${quoteString(end)} GROUP BY customer_id`);
        }
        await db.run(`CREATE OR REPLACE TEMP TABLE pyramid_tiers AS SELECT *, CASE
            WHEN position <= ${cuts.key} + 1e-12 THEN 'key' WHEN position <= ${cuts.large} + 1e-12 THEN 'large'
            WHEN position <= ${cuts.medium} + 1e-12 THEN 'medium' ELSE 'small' END AS pyramid_tier
          FROM (SELECT *, row_number() OVER (ORDER BY ${value} DESC, ${CUSTOMER_ORDER}) / count(*) OVER () AS position FROM pyramid_base)`);
        const t = await db.rows(`SELECT pyramid_tier AS tier, count(*) AS n, sum(total_spend) AS revenue, sum(${value}) AS value FROM pyramid_tiers GROUP BY ALL`);
        const sum = (k: 'n' | 'revenue' | 'value') => t.reduce((a, x) => a + Number(x[k]), 0);
        const n = sum('n'), revenue = sum('revenue'), total = sum('value');
        if (flags.out !== undefined) {
          try {
            await db.run(`COPY (SELECT customer_id, total_spend, ${value === 'total_spend' ? '' : `${value}, `}pyramid_tier FROM pyramid_tiers ORDER BY ${CUSTOMER_ORDER}) TO ${quoteString(flags.out)} (FORMAT csv, HEADER true)`);
          } catch (e) {
            throw new CliError('io', `cannot write ${flags.out}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
          }
        }
        const tiers = PYRAMID_TIERS.map((tier) => {
          const x = t.find((r) => r.tier === tier);
          const c = Number(x?.n ?? 0), r = Number(x?.revenue ?? 0), v = Number(x?.value ?? 0);
          return { tier, label: TIER_LABELS[tier], customers: c, customerShare: n ? c / n : 0, revenue: r, revenueShare: revenue ? r / revenue : 0, valueShare: total ? v / total : 0 };
        });
        return { input: source, rows, end, rankedBy: flags.by, valueColumn: value, model, cuts, customers: n, revenue, prospects: 0, tiers, output: flags.out ?? null };
      });
      emit(flags.format, result, () => [
        `${result.customers.toLocaleString('en-US')} customers of ${result.input}, ranked by ${result.rankedBy === 'historic' ? 'total spend' : `predicted value (${result.valueColumn}, ${result.model})`} to ${result.end}`,
        `${'tier'.padEnd(16)} ${'customers'.padStart(10)} ${'share'.padStart(7)} ${'revenue share'.padStart(14)}`,
        ...result.tiers.map((s) => `${`${s.label.en} ${s.label.zh}`.padEnd(16)} ${String(s.customers).padStart(10)} ${(100 * s.customerShare).toFixed(1).padStart(6)}% ${(100 * s.revenueShare).toFixed(1).padStart(13)}%`),
        ...(result.output ? [`wrote ${result.output}`] : []),
      ].join('\n'));
    });
}
