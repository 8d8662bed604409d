// `cvm replenishment <sales>`: the rice-seller's list — per customer × product, the typical interval
// between purchase days (median gap) and the expected next purchase; who is due in the next N days.
import type { Command } from 'commander';
import { quoteString } from '../../engines/duckdb/sql-literal.ts';
import { isUnavailable } from '../../report/report-data.ts';
import { retailReplenishment } from '../../pipeline/retail-products.ts';
import { CliError } from '../cli-error.ts';
import { emit, formatOption, type OutputFormat } from '../output.ts';
import { numberFlag, salesInputOptions, withSales, type SalesInputFlags } from '../sales-input.ts';

interface ReplenishmentFlags extends SalesInputFlags { days?: string; minPurchases?: string; top?: string; out?: string; format: OutputFormat }

const HELP = `
A customer × product needs purchases on at least --min-purchases different days (default 3, i.e. two
gaps) before a cycle is claimed; its interval is the median gap (robust to a skipped cycle or a double
stock-up), its next purchase the last purchase day + that interval. Due: next purchase after --end and
at most --days days later. --out writes every due customer × product.

Examples:
  cvm replenishment ../shared/data/online-retail/onlineretail.csv.gz --days 7
  cvm replenishment --data ./cvm-data --out due.csv --format json`;

export function registerReplenishment(program: Command): void {
  salesInputOptions(program
    .command('replenishment')
    .description('replenishment: typical interval per customer × product and who is due to buy again in the next N days')
    .argument('[sales]', 'sales file with a product column; omit it to read --data'))
    .option('--days <n>', 'due within this many days after the end (default 14)')
    .option('--min-purchases <n>', 'purchase days needed for a cycle (default 3)')
    .option('--top <n>', 'due pairs listed (default 20)')
    .option('--out <file>', 'write every due customer × product to this CSV')
    .addOption(formatOption())
    .addHelpText('after', HELP)
    .action(async (file: string | undefined, flags: ReplenishmentFlags) => {
      const result = await withSales(file, flags, async ({ db, end, source, config }) => {
        const d = config.replenishment;
        const c = {
          dueDays: numberFlag('--days', flags.days, 1, 3650, true) ?? d.dueDays, minPurchases: numberFlag('--min-purchases', flags.minPurchases, 3, 1000, true) ?? d.minPurchases,
          top: numberFlag('--top', flags.top, 1, 1_000_000, true) ?? d.top,
        };
        const r = await retailReplenishment(db, end, c);
        if (isUnavailable(r.section)) throw new CliError('input', `${source}: ${typeof r.section.unavailable === 'string' ? r.section.unavailable : r.section.unavailable.en}`);
        if (flags.out !== undefined) {
          try {
            await db.run(`COPY (SELECT customer_id, product_id, purchases, median_interval_days, last_purchase, next_purchase FROM retail_cycles
              WHERE next_purchase > DATE ${quoteString(end)} AND next_purchase <= DATE ${quoteString(end)} + ${c.dueDays} ORDER BY next_purchase, customer_id, product_id)
              TO ${quoteString(flags.out)} (FORMAT csv, HEADER true)`);
          } catch (e) {
            throw new CliError('io', `cannot write ${flags.out}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
          }
        }
        return { input: source, ...r.section, output: flags.out ?? null };
      });
      emit(flags.format, result, () => [
        `${result.pairs} customer × product cycles (${result.customers} customers); median interval ${result.interval.median} days (quartiles ${result.interval.p25}, ${result.interval.p75})`,
        `due ${result.asOf} + ${result.dueDays} days: ${result.duePairs} pairs, ${result.dueCustomers} customers; ${result.overduePairs} pairs past their date`,
        ...result.due.map((x) => `${x.next_purchase}  ${x.customer_id.padEnd(12)} ${`${x.product_id} ${x.product_name ?? ''}`.slice(0, 40).padEnd(40)} every ${x.median_interval_days} days, ${x.purchases} purchases, last ${x.last_purchase}`),
        ...(result.output ? [`wrote ${result.output}`] : []),
      ].join('\n'));
    });
}
