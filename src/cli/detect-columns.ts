// Column detection for transaction files: when no mapping flags are given, pick the usual names in
// English and Chinese. The choice is printed so the user sees what was assumed.
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { CliError } from './cli-error.ts';

const CANDIDATES = {
  customer: ['customer_id', 'customerid', 'customer', 'cust', 'cust_id', 'member_id', 'member_no', 'masterid', 'id', '会员编号', '会员号', '客户编号', '客户id', '顾客编号'],
  date: ['date', 'order_date', 'invoicedate', 'invoice_date', 'purchase_date', 'datetime', 'timestamp', 'ts', 'created_at', '日期', '下单时间', '交易日期', '购买日期'],
  amount: ['amount', 'sales', 'total', 'order_total', 'revenue', 'price', 'value', 'spend', 'dollar_value', '金额', '消费金额', '实付金额', '订单金额'],
} as const;

export interface DetectedColumns {
  customer: string;
  date: string;
  amount?: string;
  detected: boolean;
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Fills in the columns not given, from the file's header. */
export async function detectColumns(db: DuckDbEngine, path: string, given: { customer?: string; date?: string; amount?: string }): Promise<DetectedColumns> {
  if (given.customer && given.date) return { customer: given.customer, date: given.date, amount: given.amount, detected: false };
  const reader = /\.parquet$/i.test(path) ? `read_parquet(${quoteString(path)})` : `read_csv(${quoteString(path)}, header = true, sample_size = 2048)`;
  let names: string[];
  try {
    names = (await db.rows(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => String(r.column_name));
  } catch (e) {
    throw new CliError('input', `cannot read the columns of ${path}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const find = (role: keyof typeof CANDIDATES): string | undefined => {
    for (const c of CANDIDATES[role]) {
      const hit = names.find((n) => norm(n) === c);
      if (hit) return hit;
    }
    return undefined;
  };
  const customer = given.customer ?? find('customer');
  const date = given.date ?? find('date');
  const amount = given.amount ?? find('amount');
  if (!customer || !date) {
    throw new CliError('input', `could not tell which column is the ${!customer ? 'customer id' : 'date'} in ${path} (columns: ${names.join(', ')}); name it with --${!customer ? 'customer' : 'date'} COL`);
  }
  return { customer, date, amount, detected: true };
}
