// `cvm hot-products <sales>`: the four hot-product conditions of the course material (热门商品) per
// product over the last weeks; conditions whose input the data lacks (views and favourites need
// product events) are "unknown", never guessed.
import type { Command } from 'commander';
import { isUnavailable } from '../../report/report-data.ts';
import { retailHotProducts } from '../../pipeline/retail-products.ts';
import { CliError } from '../cli-error.ts';
import { emit, formatOption, type OutputFormat } from '../output.ts';
import { numberFlag, salesInputOptions, withSales, type SalesInputFlags } from '../sales-input.ts';

interface HotFlags extends SalesInputFlags {
  weeks?: string; weeklyUnits?: string; firstTimeShare?: string; favorites?: string; views?: string; top?: string; format: OutputFormat;
}

const HELP = `
Over the --weeks weeks up to --end, per product: units sold per week (≥ 50), the share of its buyers
whose first purchase at the store included it (≥ 40 %), favourites (≥ 500) and views (≥ 3,000) from
product events (cvm import --kind events into --data). A product is hot when it meets every condition
the data can judge. Thresholds: the flags, else hotProducts in --config, else the defaults above.

Examples:
  cvm hot-products ../shared/data/online-retail/onlineretail.csv.gz --top 10
  cvm hot-products --data ./cvm-data --weeks 2 --weekly-units 20 --format json`;

export function registerHotProducts(program: Command): void {
  salesInputOptions(program
    .command('hot-products')
    .description('hot products: weekly units, first-time buyers, favourites and views, each condition met / not met / unknown')
    .argument('[sales]', 'sales file with product and quantity columns; omit it to read --data'))
    .option('--weeks <n>', 'weeks of sales up to the end (default 4)')
    .option('--weekly-units <n>', 'units sold per week at least (default 50)')
    .option('--first-time-share <share>', 'share of buyers who were first-time buyers at least (default 0.4)')
    .option('--favorites <n>', 'favourites at least (default 500)')
    .option('--views <n>', 'views at least (default 3000)')
    .option('--top <n>', 'products listed, hot first (default 20)')
    .addOption(formatOption())
    .addHelpText('after', HELP)
    .action(async (file: string | undefined, flags: HotFlags) => {
      const result = await withSales(file, flags, async ({ db, end, source, config }) => {
        const d = config.hotProducts;
        const c = {
          weeks: numberFlag('--weeks', flags.weeks, 1, 520, true) ?? d.weeks, weeklyUnits: numberFlag('--weekly-units', flags.weeklyUnits, 0, 1e12) ?? d.weeklyUnits,
          firstTimeBuyerShare: numberFlag('--first-time-share', flags.firstTimeShare, 0, 1) ?? d.firstTimeBuyerShare, favorites: numberFlag('--favorites', flags.favorites, 0, 1e12) ?? d.favorites,
          views: numberFlag('--views', flags.views, 0, 1e12) ?? d.views, top: numberFlag('--top', flags.top, 1, 100_000, true) ?? d.top,
        };
        const section = await retailHotProducts(db, end, c);
        if (isUnavailable(section)) throw new CliError('input', `${source}: ${typeof section.unavailable === 'string' ? section.unavailable : section.unavailable.en}`);
        return { input: source, ...section };
      });
      emit(flags.format, result, () => [
        `${result.products} products sold ${result.from} – ${result.to}; ${result.hot} hot`,
        ...result.unknown.map((u) => `${u.condition}: unknown, ${typeof u.reason === 'string' ? u.reason : u.reason.en}`),
        `${'product'.padEnd(40)} ${'units/wk'.padStart(9)} ${'1st-time'.padStart(8)} ${'fav'.padStart(6)} ${'views'.padStart(6)}  hot`,
        ...result.top.map((p) => `${`${p.productId} ${p.name ?? ''}`.slice(0, 40).padEnd(40)} ${p.weeklyUnits.toFixed(1).padStart(9)} ${p.firstTimeBuyerShare === null ? '—'.padStart(8) : `${(100 * p.firstTimeBuyerShare).toFixed(0)}%`.padStart(8)} ${String(p.favorites ?? '?').padStart(6)} ${String(p.views ?? '?').padStart(6)}  ${p.hot ? 'yes' : 'no'}`),
      ].join('\n'));
    });
}
