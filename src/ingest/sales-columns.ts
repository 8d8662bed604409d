// Which column of a sales file plays which role. Without a mapping, the usual names are recognised
// in English and Chinese, case- and punctuation-insensitively ("Customer ID" = customer_id =
// CustomerID); a flag or a mapping file overrides any of them. The result says where each choice
// came from, so the CLI can print what was assumed.
import { IngestError } from './ingest-error.ts';

export const SALES_ROLES = [
  'customer', 'date', 'order', 'amount', 'quantity', 'unitPrice', 'product', 'productName',
  'store', 'channel', 'country', 'discount', 'cancelFlag', 'returnFlag',
] as const;
export type SalesRole = (typeof SALES_ROLES)[number];

export type ColumnChoice = Partial<Record<SalesRole, string>>;
export type ChoiceSource = 'flag' | 'mapping-file' | 'detected';

export interface SalesColumns {
  readonly columns: ColumnChoice;
  readonly source: Partial<Record<SalesRole, ChoiceSource>>;
}

/** Names compared after lowercasing and dropping blanks, '_', '-', '.', '/' (so "Customer ID" = customer_id). */
export const normalizeName = (s: string): string => s.trim().toLowerCase().replace(/[\s_\-./]+/g, '');

// Order matters: earlier names win when a file has several candidates for one role.
const CANDIDATES: Record<SalesRole, readonly string[]> = {
  customer: ['customerid', 'customer', 'custid', 'customerno', 'customernumber', 'memberid', 'memberno', 'membernumber', 'member', 'masterid', 'clientid', 'userid', 'buyerid',
    '会员编号', '会员号', '会员id', '会员卡号', '客户编号', '客户id', '客户号', '顾客编号', '顾客id', '用户id', '用户编号', '买家id'],
  date: ['invoicedate', 'date', 'orderdate', 'ordertime', 'orderdatetime', 'purchasedate', 'purchasetime', 'transactiondate', 'txdate', 'saledate', 'datetime', 'timestamp', 'createdat', 'paidat', 'paytime', 'ts',
    '日期', '下单时间', '订单日期', '订单时间', '交易日期', '交易时间', '购买日期', '购买时间', '支付时间', '付款时间', '销售日期'],
  order: ['invoiceno', 'invoice', 'invoiceid', 'invoicenumber', 'orderid', 'orderno', 'ordernumber', 'order', 'transactionid', 'receiptno', 'receiptid', 'ticketno',
    '订单号', '订单编号', '订单id', '单号', '小票号', '流水号', '交易编号'],
  amount: ['amount', 'lineamount', 'linetotal', 'salesamount', 'totalamount', 'total', 'paidamount', 'payment', 'revenue', 'sales', 'spend', 'value',
    '金额', '实付金额', '销售金额', '消费金额', '订单金额', '支付金额', '成交金额', '实收金额', '应付金额'],
  quantity: ['quantity', 'qty', 'units', 'unitssold', '数量', '件数', '购买数量', '销售数量', '商品数量'],
  unitPrice: ['unitprice', 'price', 'saleprice', 'itemprice', 'priceperunit', '单价', '价格', '售价', '成交单价', '销售单价'],
  product: ['stockcode', 'productid', 'productcode', 'productno', 'sku', 'skuid', 'itemid', 'itemcode', 'itemno', 'articleid',
    '商品编号', '商品id', '商品编码', '商品代码', '货号', '产品编号', '产品id', 'sku编码'],
  productName: ['description', 'productname', 'itemname', 'product', 'item', 'title', '商品名称', '商品名', '品名', '产品名称', '商品'],
  store: ['store', 'storeid', 'storename', 'storeno', 'shop', 'shopid', 'shopname', 'branch', 'outlet', '门店', '门店编号', '门店名称', '店铺', '店铺名称', '店名'],
  channel: ['channel', 'saleschannel', 'orderchannel', 'source', '渠道', '销售渠道', '订单来源'],
  country: ['country', 'countrycode', '国家', '国家地区'],
  discount: ['discount', 'discountamount', 'disc', 'linediscount', 'couponamount', '折扣', '折扣金额', '优惠', '优惠金额'],
  cancelFlag: ['cancelled', 'canceled', 'iscancelled', 'iscanceled', 'cancelflag', 'cancellation', '是否取消', '已取消', '取消'],
  returnFlag: ['return', 'returned', 'isreturn', 'isreturned', 'returnflag', '退货', '是否退货', '已退货'],
};

/**
 * Settles the column of every role: flags first, then the mapping file, then detection. Throws
 * 'bad-mapping' for a named column that is not in the file and 'missing-columns' when the customer,
 * the date or a way to the amount (amount, or quantity × unit price) cannot be found.
 * @example resolveSalesColumns(['InvoiceNo', 'InvoiceDate', 'CustomerID', 'Quantity', 'UnitPrice'], {}, {})
 */
export function resolveSalesColumns(names: readonly string[], flags: ColumnChoice, fromFile: ColumnChoice, fileName = 'the file'): SalesColumns {
  const columns: ColumnChoice = {};
  const source: Partial<Record<SalesRole, ChoiceSource>> = {};
  const used = new Set<string>();
  for (const role of SALES_ROLES) {
    const given = flags[role] ?? fromFile[role];
    if (given === undefined) continue;
    const found = findNamed(names, given);
    if (found === undefined) {
      const how = flags[role] !== undefined ? `--${kebab(role)}` : 'the mapping file';
      throw new IngestError('bad-mapping', `${how} names column "${given}" for ${describeRole(role)}, but ${fileName} has no such column (columns: ${names.join(', ')})`);
    }
    columns[role] = found;
    source[role] = flags[role] !== undefined ? 'flag' : 'mapping-file';
    used.add(found);
  }
  for (const role of SALES_ROLES) {
    if (columns[role] !== undefined) continue;
    const hit = detect(names, role, used);
    if (hit === undefined) continue;
    columns[role] = hit;
    source[role] = 'detected';
    used.add(hit);
  }
  // A lone "price" beside no quantity is what the line cost, as in customer,date,price exports.
  if (columns.amount === undefined && columns.quantity === undefined && source.unitPrice === 'detected') {
    columns.amount = columns.unitPrice;
    source.amount = 'detected';
    delete columns.unitPrice;
    delete source.unitPrice;
  }
  requireColumns(columns, names, fileName);
  return { columns, source };
}

function requireColumns(c: ColumnChoice, names: readonly string[], fileName: string): void {
  const missing: string[] = [];
  if (c.customer === undefined) missing.push('the customer id (e.g. CustomerID, customer_id, 会员编号; --customer COL)');
  if (c.date === undefined) missing.push('the date (e.g. InvoiceDate, date, 日期; --date COL)');
  if (c.amount === undefined && (c.quantity === undefined || c.unitPrice === undefined)) {
    missing.push('the amount (e.g. amount, 金额; --amount COL) or both quantity and unit price (Quantity/数量 and UnitPrice/单价; --quantity, --unit-price)');
  }
  if (missing.length > 0) {
    throw new IngestError('missing-columns', `${fileName} lacks columns a sales import needs: ${missing.join('; ')}. Its columns are: ${names.join(', ')}`);
  }
}

/** Exact name first, then the one case-insensitive match. */
function findNamed(names: readonly string[], wanted: string): string | undefined {
  if (names.includes(wanted)) return wanted;
  const loose = names.filter((n) => n.toLowerCase() === wanted.trim().toLowerCase());
  return loose.length === 1 ? loose[0] : undefined;
}

function detect(names: readonly string[], role: SalesRole, used: ReadonlySet<string>): string | undefined {
  const free = names.filter((n) => !used.has(n));
  for (const candidate of CANDIDATES[role]) {
    const hit = free.find((n) => normalizeName(n) === candidate);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

export const kebab = (role: SalesRole): string => role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const ROLE_LABELS: Record<SalesRole, string> = {
  customer: 'the customer id', date: 'the date', order: 'the order id', amount: 'the amount', quantity: 'the quantity',
  unitPrice: 'the unit price', product: 'the product id', productName: 'the product name', store: 'the store',
  channel: 'the channel', country: 'the country', discount: 'the discount', cancelFlag: 'the cancellation flag',
  returnFlag: 'the return flag',
};
export const describeRole = (role: SalesRole): string => ROLE_LABELS[role];
