// `cvm import <file>`: a sales file (CSV, .csv.gz, Parquet; UTF-8 or GBK) into the data folder's
// analytics store as one batch, with every row accounted for and the rejected ones in a reject file.
import { Option, type Command } from 'commander';
import { IngestError } from '../../ingest/ingest-error.ts';
import { importSales, type ImportSalesResult } from '../../ingest/import-sales.ts';
import { kebab, SALES_ROLES, type ColumnChoice } from '../../ingest/sales-columns.ts';
import type { TextEncoding } from '../../ingest/sniff-file.ts';
import { emit, formatOption, info, type OutputFormat } from '../output.ts';
import { renderImport } from './import-report.ts';

type ImportFlags = Partial<Record<(typeof SALES_ROLES)[number], string>> & {
  data: string;
  kind: string;
  mapping?: string;
  dateFormat?: string;
  cancelPrefix?: string;
  encoding?: 'utf8' | 'gbk' | 'gb18030';
  strict?: boolean;
  format: OutputFormat;
};

const ROLE_HELP: Record<(typeof SALES_ROLES)[number], string> = {
  customer: 'customer / member id (CustomerID, customer_id, 会员编号 …)',
  date: 'date or time of the sale (InvoiceDate, date, 日期, 下单时间 …)',
  order: 'order / invoice id (InvoiceNo, order_id, 订单号 …)',
  amount: 'line amount (amount, 金额, 实付金额 …); without it: quantity × unit price',
  quantity: 'quantity (Quantity, 数量 …)',
  unitPrice: 'unit price (UnitPrice, price, 单价 …)',
  product: 'product id (StockCode, product_id, 商品编号 …)',
  productName: 'product name (Description, 商品名称 …)',
  store: 'store (store, 门店 …)',
  channel: 'sales channel (channel, 渠道 …)',
  country: 'country (Country, 国家)',
  discount: 'discount amount (discount, 优惠金额 …)',
  cancelFlag: 'cancellation flag column (1/true/yes/是 = cancelled)',
  returnFlag: 'return flag column (1/true/yes/是/退货 = return)',
};

const HELP = `
Every row is accounted for: read = loaded + excluded + duplicates + already loaded + rejected.
  excluded   kept in sales_lines with a reason, left out of customer analytics: cancelled
             (invoice prefix --cancel-prefix, default C, or --cancel-flag), return (--return-flag),
             non-positive-quantity, non-positive-price, non-positive-amount
  duplicates exact repeats of an earlier row of the same file: dropped
  already loaded  rows an earlier batch stored (overlapping exports): dropped
  rejected   unreadable lines and values: DATA/rejects/<batch>-<file>.rejects.csv (line, reason, raw)
Rows without a customer id are loaded as anonymous sales (they count for products, not customers).
Re-importing the same file (same SHA-256) changes nothing. Dates: YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD,
YYYY.MM.DD, YYYY年MM月DD日 (each with an optional time) and ISO 8601, mixed freely; other layouts
with --date-format (strptime, e.g. %d/%m/%Y).

Mapping file (--mapping): {"customer": "会员编号", "date": "下单时间", "amount": "实付金额",
  "dateFormat": "%Y-%m-%d %H:%M:%S", "cancelPrefix": ""}; flags win over it, it wins over detection.

Examples:
  cvm import ../shared/data/online-retail/onlineretail.csv.gz
  cvm import 销售明细.csv --encoding gbk --customer 会员号 --data ./cvm-data --format json
`;

export function registerImport(program: Command): void {
  const command = program
    .command('import')
    .description('import a sales file into the data folder: nothing lost, rejects to a file, one batch per file')
    .argument('<file>', 'CSV (also .csv.gz) or Parquet, UTF-8 or GBK')
    .option('--data <dir>', 'data folder', './cvm-data')
    .option('--kind <kind>', 'what the file holds (sales; customers, products … to come)', 'sales');
  for (const role of SALES_ROLES) command.option(`--${kebab(role)} <column>`, ROLE_HELP[role]);
  command
    .option('--mapping <file>', 'JSON mapping file (role → column, dateFormat, cancelPrefix)')
    .option('--date-format <format>', 'strptime layout of the dates, e.g. %d/%m/%Y')
    .option('--cancel-prefix <prefix>', "invoice prefix marking a cancellation (default C; '' for none)")
    .addOption(new Option('--encoding <encoding>', 'text encoding (default: detected)').choices(['utf8', 'gbk', 'gb18030']))
    .option('--strict', 'fail, storing nothing, when any row is rejected')
    .addOption(formatOption())
    .addHelpText('after', HELP)
    .action(async (file: string, flags: ImportFlags) => {
      if (flags.kind !== 'sales') throw new IngestError('unsupported-kind', `--kind ${flags.kind} is not supported yet; use --kind sales`);
      const columns: ColumnChoice = {};
      for (const role of SALES_ROLES) if (flags[role] !== undefined) columns[role] = flags[role];
      const encoding: TextEncoding | undefined = flags.encoding === undefined ? undefined : flags.encoding === 'utf8' ? 'utf8' : 'gbk';
      const started = performance.now();
      const result: ImportSalesResult = await importSales({
        path: file, dataDir: flags.data, columns, mappingFile: flags.mapping, dateFormat: flags.dateFormat,
        cancelPrefix: flags.cancelPrefix, encoding, strict: flags.strict === true,
        onProgress: (_step, message) => info(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${message}`),
      });
      emit(flags.format, result, () => renderImport(result));
    });
}
