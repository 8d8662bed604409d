// `cvm quality --data DIR`: the data-quality report (数据质量) of a data folder: duplicate customers,
// missing or malformed contact fields, stale records, impossible dates, extreme amounts.
import { Option, type Command } from 'commander';
import { folderQuality, type FolderQuality } from '../../analytics/quality/data-folder-quality.ts';
import type { DataQualityCheck } from '../../report/report-data.ts';
import { hasText, textIn } from '../../report/report-text.ts';
import { CliError } from '../cli-error.ts';
import { emit, formatOption, type OutputFormat } from '../output.ts';
import { refuseWhileServing } from '../serving-guard.ts';

interface QualityFlags {
  data: string;
  databaseUrl?: string;
  staleMonths: string;
  today?: string;
  asOf?: string;
  maxAge: string;
  lang: 'en' | 'zh-CN';
  format: OutputFormat;
}

const HELP = `
Checks (each with the number found, what it is out of, example ids and a severity):
  customers (after cvm import --kind customers): duplicate-phone, duplicate-email,
    duplicate-name-birthday (customers sharing one; examples are groups A/B), missing-phone,
    malformed-phone (not a mainland mobile 1[3-9]xxxxxxxxx, +86 allowed), missing-email, malformed-email,
    stale-records (no update, purchase or joining within --stale-months of --as-of), future-birthday,
    impossible-age (older than --max-age), future-join-date
  sales lines (after cvm import): future-dates, impossible-dates, extreme-amounts, anonymous-sales
--as-of defaults to the last sale date (data sets end in the past), --today to the machine's date.

Examples:
  cvm quality --data ./cvm-data
  cvm quality --data ./cvm-data --stale-months 18 --lang zh-CN
  cvm quality --data ./cvm-data --database-url postgres://cvm@127.0.0.1/cvm --format json
`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The check's own label, else the report dictionary's (the sales checks use that), else its id. */
function text(c: DataQualityCheck, lang: QualityFlags['lang']): string {
  if (c.label !== undefined) return typeof c.label === 'string' ? c.label : c.label[lang];
  return hasText(c.labelKey) ? textIn(c.labelKey, lang) : c.id;
}

export function registerQuality(program: Command): void {
  program
    .command('quality')
    .description('data-quality report of a data folder: duplicate customers, contact fields, stale records, impossible dates, extreme amounts')
    .option('--data <dir>', 'data folder', './cvm-data')
    .option('--database-url <url>', 'operational store on a PostgreSQL server instead of DIR/operational')
    .option('--stale-months <n>', 'months without update or purchase that make a record stale', '24')
    .option('--as-of <date>', 'measure staleness from this day (YYYY-MM-DD; default: the last sale date)')
    .option('--today <date>', 'today for future dates and ages (YYYY-MM-DD; default: the machine date)')
    .option('--max-age <years>', 'older than this is an impossible age', '120')
    .addOption(new Option('--lang <lang>', 'language of the labels').choices(['en', 'zh-CN']).default('en'))
    .addOption(formatOption())
    .addHelpText('after', HELP)
    .action(async (flags: QualityFlags) => {
      const staleMonths = Number(flags.staleMonths), maxAge = Number(flags.maxAge);
      if (!Number.isInteger(staleMonths) || staleMonths < 1) throw new CliError('usage', `--stale-months must be a whole number of months ≥ 1, got ${flags.staleMonths}`);
      if (!Number.isFinite(maxAge) || maxAge <= 0) throw new CliError('usage', `--max-age must be a positive number of years, got ${flags.maxAge}`);
      for (const [name, v] of [['--today', flags.today], ['--as-of', flags.asOf]] as const) {
        if (v !== undefined && !DAY.test(v)) throw new CliError('usage', `${name} must be a date YYYY-MM-DD, got ${v}`);
      }
      refuseWhileServing(flags.data, 'open the data-quality page of the dashboard or GET /api/quality');
      const q = await folderQuality(flags.data, { databaseUrl: flags.databaseUrl, staleMonths, maxAge, today: flags.today, asOf: flags.asOf });
      emit(flags.format, q, () => renderQuality(q, flags.lang));
    });
}

export function renderQuality(q: FolderQuality, lang: QualityFlags['lang'] = 'en'): string {
  if (q.checks.length === 0) return 'Nothing to check: the data folder has no customers and no sales lines (import some with cvm import).';
  const rows = q.checks.map((c) => {
    const share = c.total > 0 ? `${((100 * c.count) / c.total).toFixed(1)} %` : '';
    return `${c.count === 0 ? 'ok     ' : c.severity.padEnd(7)} ${text(c, lang).padEnd(56)} ${String(c.count).padStart(7)} / ${String(c.total).padEnd(7)} ${share.padStart(7)}  ${c.examples.join(', ')}`;
  });
  return [
    `Data quality of ${q.customers} customers and ${q.salesLines} sales lines (today ${q.today}; stale = nothing for ${q.staleMonths} months before ${q.asOf}):`,
    ...rows,
  ].join('\n');
}
