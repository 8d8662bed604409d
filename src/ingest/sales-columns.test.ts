import { describe, expect, it } from 'vitest';
import { resolveSalesColumns } from './sales-columns.ts';

const RETAIL = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];

describe('resolveSalesColumns', () => {
  it('detects every UCI Online Retail column without flags', () => {
    const r = resolveSalesColumns(RETAIL, {}, {});
    expect(r.columns).toEqual({
      customer: 'CustomerID', date: 'InvoiceDate', order: 'InvoiceNo', quantity: 'Quantity', unitPrice: 'UnitPrice',
      product: 'StockCode', productName: 'Description', country: 'Country',
    });
    expect(new Set(Object.values(r.source))).toEqual(new Set(['detected']));
  });

  it('detects Chinese names and English ones in other spellings', () => {
    expect(resolveSalesColumns(['会员编号', '下单时间', '订单号', '商品编号', '商品名称', '数量', '单价', '实付金额', '门店', '渠道'], {}, {}).columns).toEqual({
      customer: '会员编号', date: '下单时间', order: '订单号', product: '商品编号', productName: '商品名称', quantity: '数量',
      unitPrice: '单价', amount: '实付金额', store: '门店', channel: '渠道',
    });
    expect(resolveSalesColumns(['Customer ID', 'Order-Date', 'AMOUNT'], {}, {}).columns).toEqual({ customer: 'Customer ID', date: 'Order-Date', amount: 'AMOUNT' });
  });

  it('detects a line discount column in English and Chinese', () => {
    for (const name of ['discount', 'Discount Amount', 'disc', '折扣', '折扣金额', '优惠', '优惠金额']) {
      expect(resolveSalesColumns(['customer_id', 'date', 'qty', 'price', name], {}, {}).columns.discount).toBe(name);
    }
    expect(resolveSalesColumns(['customer_id', 'date', 'qty', 'price', 'cut'], { discount: 'cut' }, {}).source.discount).toBe('flag');
  });

  it('takes a lone price (no quantity) as the amount', () => {
    expect(resolveSalesColumns(['customer_id', 'date', 'price'], {}, {}).columns).toEqual({ customer: 'customer_id', date: 'date', amount: 'price' });
  });

  it('lets flags win over the mapping file and the file over detection, case-insensitively', () => {
    const r = resolveSalesColumns(['id', 'member_no', 'paid', 'when', 'date'], { customer: 'ID' }, { date: 'when', amount: 'paid' });
    expect(r.columns).toMatchObject({ customer: 'id', date: 'when', amount: 'paid' });
    expect(r.source).toMatchObject({ customer: 'flag', date: 'mapping-file', amount: 'mapping-file' });
  });

  it('names a mapped column that is not there, and lists what is missing', () => {
    expect(() => resolveSalesColumns(RETAIL, { customer: 'member' }, {}, 'x.csv')).toThrow(/--customer names column "member".*x\.csv has no such column/);
    expect(() => resolveSalesColumns(['a', 'b'], {}, { date: 'when' })).toThrow(/the mapping file names column "when"/);
    try {
      resolveSalesColumns(['name', 'phone', 'city'], {}, {}, 'members.csv');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'missing-columns' });
      expect((e as Error).message).toMatch(/members\.csv lacks columns.*customer id.*date.*amount.*Its columns are: name, phone, city/);
    }
  });
});
