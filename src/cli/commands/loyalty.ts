// `cvm loyalty <sales>`: loyalty measures (忠诚度): repeat purchase rate, mean days between orders,
// share of spend bought on discount; the measures that need complaints or survey answers say so.
import type { Command } from 'commander';
import { retailLoyalty, SATISFACTION_UNAVAILABLE } from '../../pipeline/retail-loyalty.ts';
import { isUnavailable, type LocalText } from '../../report/report-data.ts';
import { emit, formatOption, type OutputFormat } from '../output.ts';
import { salesInputOptions, withSales, type SalesInputFlags } from '../sales-input.ts';

interface LoyaltyFlags extends SalesInputFlags { format: OutputFormat }

const HELP = `
Repeat purchase rate: share of customers with two or more orders. Mean days between orders: over
repeat customers, (last − first order day) summed / (orders − 1) summed. Discount share: spend on lines
with discount > 0 / all spend (needs a discount column). Tolerance (bought after a complaint), NPS and
the satisfaction × loyalty quadrants need complaints and survey answers: reported as unavailable.

Examples:
  cvm loyalty ../shared/data/online-retail/onlineretail.csv.gz
  cvm loyalty sales.csv --discount 优惠金额 --format json`;

const en = (t: LocalText) => (typeof t === 'string' ? t : t.en);

export function registerLoyalty(program: Command): void {
  salesInputOptions(program
    .command('loyalty')
    .description('loyalty measures: repeat rate, days between orders, discount share; what needs surveys or complaints is named')
    .argument('[sales]', 'sales file; omit it to read --data'))
    .addOption(formatOption())
    .addHelpText('after', HELP)
    .action(async (file: string | undefined, flags: LoyaltyFlags) => {
      const result = await withSales(file, flags, async ({ db, source, end }) => ({ input: source, end, ...(await retailLoyalty(db)), satisfaction: SATISFACTION_UNAVAILABLE }));
      emit(flags.format, result, () => [
        `${result.customers} customers of ${result.input} (to ${result.end})`,
        `repeat purchase rate: ${(100 * result.repeatRate).toFixed(1)}%`,
        `mean days between orders: ${result.meanDaysBetweenOrders === null ? '— (no repeat customer)' : result.meanDaysBetweenOrders.toFixed(1)}`,
        `share of spend on discount: ${isUnavailable(result.discountShare) ? en(result.discountShare.unavailable) : `${(100 * result.discountShare.share).toFixed(1)}%`}`,
        `bought again after a complaint: ${isUnavailable(result.boughtAfterComplaint) ? en(result.boughtAfterComplaint.unavailable) : `${(100 * result.boughtAfterComplaint.share).toFixed(1)}%`}`,
        `NPS and quadrants: ${en(result.satisfaction.unavailable)}`,
      ].join('\n'));
    });
}
