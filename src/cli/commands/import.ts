// `cvm import <file>`: a sales file (the default), or with --kind a customers, products, product
// events or interactions file (CSV, .csv.gz, Parquet; UTF-8 or GBK) into the data folder as one
// batch, with every row accounted for and the rejected ones in a reject file. Customers and
// interactions go to the operational store (PGlite in DIR/operational, or --database-url), the
// others to DIR/analytics.duckdb; every import is listed in both stores' batch tables.
import { Option, type Command } from 'commander';
import { IngestError } from '../../ingest/ingest-error.ts';
import { importRecords, storeOfKind, type ImportRecordsResult } from '../../ingest/import-records.ts';
import { importSales, type ImportSalesResult } from '../../ingest/import-sales.ts';
import { anImport, KIND_FIELDS, RECORD_KINDS, type RecordColumns, type RecordKind } from '../../ingest/record-kinds.ts';
import { kebab, SALES_ROLES, type ColumnChoice } from '../../ingest/sales-columns.ts';
import type { TextEncoding } from '../../ingest/sniff-file.ts';
import { flatSalesCounts, syncImportBatches, type SyncResult } from '../../ingest/sync-import-batches.ts';
import { trackImport } from '../../ingest/track-import.ts';
import { flatCounts } from '../../ingest/record-counts.ts';
import { hasOperationalStore, operationalStoreOptions } from '../../store/data-folder.ts';
import { openOperationalStore } from '../../store/open-operational-store.ts';
import { emit, formatOption, info, type OutputFormat } from '../output.ts';
import { renderImport } from './import-report.ts';
import { renderImportRecords } from './import-records-report.ts';
import { refuseWhileServing } from '../serving-guard.ts';

type ImportFlags = Partial<Record<(typeof SALES_ROLES)[number], string>> & {
  data: string;
  kind: 'sales' | RecordKind;
  map: string[];
  databaseUrl?: string;
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

Other kinds (--kind): customers (upserted by member number), products (updated by product id) and
events (view/favorite/cart, 浏览/收藏/加购) and interactions (call/visit/complaint/survey, 电话/拜访/投诉/
调查). Their columns are detected in English and Chinese, or named with --map FIELD=COLUMN (repeatable)
or a mapping file {"customer": "卡号", "phone": "联系手机", "dateFormat": "%Y年%m月%d日"}. Fields:
${RECORD_KINDS.map((k) => `  ${k.padEnd(13)}${KIND_FIELDS[k].map((f) => `${f.role}${f.required ? '*' : ''}`).join(', ')}`).join('\n')}
  (* required). Counts: read = loaded + duplicates + superseded (an earlier row of the same member or
  product) + already loaded + rejected; "repaired" numbers had a currency sign or thousands separators.
Customers and interactions go to the operational store (DIR/operational, or --database-url
postgres://…); products and events to DIR/analytics.duckdb. Every import is listed in both stores.

Examples:
  cvm import ../shared/data/online-retail/onlineretail.csv.gz
  cvm import 销售明细.csv --encoding gbk --customer 会员号 --data ./cvm-data --format json
  cvm import samples/customers.csv --kind customers --data ./cvm-data
  cvm import 会员.csv --kind customers --map customer=卡号 --map phone=联系手机 --date-format %Y年%m月%d日
  cvm import samples/events.csv --kind events --data ./cvm-data --format json
`;

export function registerImport(program: Command): void {
  const command = program
    .command('import')
    .description('import sales, customers, products, events or interactions into the data folder: nothing lost, rejects to a file, one batch per file')
    .argument('<file>', 'CSV (also .csv.gz) or Parquet, UTF-8 or GBK')
    .option('--data <dir>', 'data folder', './cvm-data')
    .addOption(new Option('--kind <kind>', 'what the file holds').choices(['sales', ...RECORD_KINDS]).default('sales'))
    .option('--map <field=column>', 'column of a field for --kind customers|products|events|interactions (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--database-url <url>', 'operational store on a PostgreSQL server instead of DIR/operational (postgres://…)');
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
      const encoding: TextEncoding | undefined = flags.encoding === undefined ? undefined : flags.encoding === 'utf8' ? 'utf8' : 'gbk';
      const started = performance.now();
      const progress = (message: string): void => info(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${message}`);
      refuseWhileServing(flags.data, 'import through the dashboard or POST /api/imports');
      if (flags.kind !== 'sales') {
        const result = await importRecordFile(file, flags.kind, flags, encoding, progress);
        emit(flags.format, result, () => renderImportRecords(result) + syncNote(result.sync));
        return;
      }
      if (flags.map.length > 0) throw new IngestError('bad-mapping', '--map is for --kind customers, products, events or interactions; a sales import takes --customer, --date, --amount … (see --help)');
      const columns: ColumnChoice = {};
      for (const role of SALES_ROLES) if (flags[role] !== undefined) columns[role] = flags[role];
      const run = (): Promise<ImportSalesResult> => importSales({
        path: file, dataDir: flags.data, columns, mappingFile: flags.mapping, dateFormat: flags.dateFormat,
        cancelPrefix: flags.cancelPrefix, encoding, strict: flags.strict === true, onProgress: (_step, message) => progress(message),
      });
      // A sales-only folder (the analyze path) has no operational store and gets none; once it has one, every import is tracked there.
      let sync: SyncResult | undefined;
      let result: ImportSalesResult;
      if (hasOperationalStore(flags.data, flags.databaseUrl)) {
        [result, sync] = await withStore(flags, async (store) => {
          const r = await trackImport(store, file, 'sales', run, (x) => ({ counts: flatSalesCounts(x.counts), rejectFile: x.rejectFile }));
          return [r, await syncImportBatches(flags.data, store)] as const;
        });
      } else result = await run();
      emit(flags.format, { ...result, sync }, () => renderImport(result) + syncNote(sync));
    });
}

const syncNote = (s: SyncResult | undefined): string =>
  s === undefined || s.toOperational + s.toAnalytics === 0 ? '' : `\nBatch lists brought in step: ${s.toOperational} to the operational store, ${s.toAnalytics} to the analytics store.`;

async function withStore<T>(flags: ImportFlags, work: (store: Awaited<ReturnType<typeof openOperationalStore>>) => Promise<T>): Promise<T> {
  const store = await openOperationalStore(operationalStoreOptions(flags.data, flags.databaseUrl));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** --map FIELD=COLUMN plus the sales flags that name a field of this kind (--customer, --date, --product …). */
function recordColumns(kind: RecordKind, flags: ImportFlags): RecordColumns {
  const roles = KIND_FIELDS[kind].map((f) => f.role);
  const columns: RecordColumns = {};
  for (const role of SALES_ROLES) {
    const given = flags[role];
    if (given === undefined) continue;
    if (!roles.includes(role)) throw new IngestError('bad-mapping', `--${kebab(role)} does not apply to ${anImport(kind)}; its fields are ${roles.join(', ')} (--map FIELD=COLUMN)`);
    columns[role] = given;
  }
  for (const m of flags.map) {
    const eq = m.indexOf('=');
    if (eq <= 0 || eq === m.length - 1) throw new IngestError('bad-mapping', `--map ${m}: expected FIELD=COLUMN, e.g. --map customer=会员编号`);
    columns[m.slice(0, eq).trim()] = m.slice(eq + 1);
  }
  return columns;
}

async function importRecordFile(file: string, kind: RecordKind, flags: ImportFlags, encoding: TextEncoding | undefined, progress: (m: string) => void): Promise<ImportRecordsResult & { sync?: SyncResult }> {
  if (flags.cancelPrefix !== undefined) throw new IngestError('bad-mapping', `--cancel-prefix applies to sales imports only, not to --kind ${kind}`);
  const columns = recordColumns(kind, flags);
  const options = { kind, path: file, dataDir: flags.data, columns, mappingFile: flags.mapping, dateFormat: flags.dateFormat, encoding, strict: flags.strict === true, onProgress: progress };
  if (storeOfKind(kind) === 'operational') {
    return withStore(flags, async (store) => {
      const result = await importRecords({ ...options, operational: store });
      return { ...result, sync: await syncImportBatches(flags.data, store) };
    });
  }
  if (!hasOperationalStore(flags.data, flags.databaseUrl)) return importRecords(options);
  return withStore(flags, async (store) => {
    const result = await trackImport(store, file, kind, () => importRecords(options), (r) => ({ counts: flatCounts(r.counts), rejectFile: r.rejectFile }));
    return { ...result, sync: await syncImportBatches(flags.data, store) };
  });
}
