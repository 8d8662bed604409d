// `cvm rfm <sales>`: RFM quintile scores and named segments (the same SQL as `cvm analyze`), with
// each segment's share of customers and revenue; --out writes every customer's scores.
import type { Command } from 'commander';
import { OTHERS } from '../../analytics/rfm/rfm-segments.ts';
import { rfmSql } from '../../analytics/rfm/rfm-sql.ts';
import { CUSTOMER_ORDER } from '../../analytics/summary/summary-sql.ts';
import { quoteString } from '../../engines/duckdb/sql-literal.ts';
import { CliError } from '../cli-error.ts';
import { emit, formatOption, type OutputFormat } from '../output.ts';
import { salesInputOptions, withSales, type SalesInputFlags } from '../sales-input.ts';

interface RfmFlags extends SalesInputFlags { out?: string; format: OutputFormat }

const HELP = `
Per customer, from purchases up to --end: recency = days since the last purchase, frequency = orders,
monetary = total spend. Each is scored 1–5 by rank in fifths of the customers (ties share the lower
score; recency reversed: the most recent score 5). The first segment rule whose three ranges hold names
the customer (Champions, Loyal, New, Promising, Potential loyalist, Need attention, About to sleep,
Can't lose, At risk, Hibernating, Lost, else Others); the map is rfm.segments in --config.

Examples:
  cvm rfm ../shared/data/online-retail/onlineretail.csv.gz
  cvm rfm --data ./cvm-data --out rfm.csv --format json
  cvm rfm sales.csv --config my-segments.json   # {"rfm": {"segments": [{"id": "best", "label": {"en": "Best", "zh": "最佳"}, "r": [5, 5], "f": [4, 5], "m": [4, 5]}]}}`;

export function registerRfm(program: Command): void {
  salesInputOptions(program
    .command('rfm')
    .description('RFM scores 1–5 and named segments, with segment sizes and revenue shares')
    .argument('[sales]', 'sales file (CSV, .csv.gz, Parquet; UTF-8 or GBK); omit it to read --data'))
    .option('--out <file>', "write every customer's recency, frequency, monetary, scores and segment to this CSV")
    .addOption(formatOption())
    .addHelpText('after', HELP)
    .action(async (file: string | undefined, flags: RfmFlags) => {
      const result = await withSales(file, flags, async ({ db, end, source, rows, config }) => {
        await db.run(`CREATE OR REPLACE TEMP TABLE rfm_base AS SELECT customer_id,
            date_diff('day', max(CAST(ts AS DATE)), DATE ${quoteString(end)}) AS recency_days, count(*) AS frequency, sum(amount) AS monetary
          FROM transactions WHERE CAST(ts AS DATE) <= DATE ${quoteString(end)} GROUP BY customer_id`);
        await db.run(rfmSql({ source: 'rfm_base', recency: 'recency_days', frequency: 'frequency', monetary: 'monetary', segments: config.rfm.segments, target: 'cli_rfm' }));
        const seg = await db.rows('SELECT rfm_segment AS id, count(*) AS n, sum(monetary) AS revenue FROM cli_rfm GROUP BY ALL');
        const n = seg.reduce((a, s) => a + Number(s.n), 0), revenue = seg.reduce((a, s) => a + Number(s.revenue), 0);
        if (flags.out !== undefined) {
          try {
            await db.run(`COPY (SELECT customer_id, recency_days, frequency, monetary, rfm_r, rfm_f, rfm_m, rfm_score, rfm_segment FROM cli_rfm ORDER BY ${CUSTOMER_ORDER})
              TO ${quoteString(flags.out)} (FORMAT csv, HEADER true)`);
          } catch (e) {
            throw new CliError('io', `cannot write ${flags.out}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
          }
        }
        return {
          input: source, rows, end, customers: n, revenue,
          segments: [...config.rfm.segments, OTHERS].map((rule) => {
            const s = seg.find((x) => x.id === rule.id);
            return { id: rule.id, label: rule.label, r: rule.r, f: rule.f, m: rule.m, customers: Number(s?.n ?? 0), customerShare: n ? Number(s?.n ?? 0) / n : 0, revenue: Number(s?.revenue ?? 0), revenueShare: revenue ? Number(s?.revenue ?? 0) / revenue : 0 };
          }),
          output: flags.out ?? null,
        };
      });
      emit(flags.format, result, () => [
        `${result.customers.toLocaleString('en-US')} customers of ${result.input}, observed to ${result.end}`,
        `${'segment'.padEnd(20)} ${'R'.padEnd(5)} ${'F'.padEnd(5)} ${'M'.padEnd(5)} ${'customers'.padStart(10)} ${'share'.padStart(7)} ${'revenue'.padStart(8)}`,
        ...result.segments.map((s) => `${`${s.label.en} ${s.label.zh}`.padEnd(20)} ${s.r.join('–').padEnd(5)} ${s.f.join('–').padEnd(5)} ${s.m.join('–').padEnd(5)} ${String(s.customers).padStart(10)} ${(100 * s.customerShare).toFixed(1).padStart(6)}% ${(100 * s.revenueShare).toFixed(1).padStart(7)}%`),
        ...(result.output ? [`wrote ${result.output}`] : []),
      ].join('\n'));
    });
}
