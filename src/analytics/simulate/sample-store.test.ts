import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from './sample-store-files.ts';
import { generateSampleStore, SAMPLE_FILES } from './sample-store.ts';

describe('generateSampleStore', () => {
  // A small store (300 members) keeps this fast; the full sample is compared with the committed
  // files in sample-store-files.test.ts.
  const a = generateSampleStore({ seed: 11, customers: 300 });

  it('same seed → same bytes in every file; another seed differs', () => {
    const b = generateSampleStore({ seed: 11, customers: 300 });
    const c = generateSampleStore({ seed: 12, customers: 300 });
    for (const name of SAMPLE_FILES) expect(b.files[name], name).toBe(a.files[name]);
    for (const name of ['customers.csv', 'orders.csv', 'events.csv', 'interactions.csv'] as const) {
      expect(c.files[name], name).not.toBe(a.files[name]);
    }
  });

  it('writes every table with its header, one row per record, in UTF-8 text that round-trips through a CSV reader', () => {
    const headers: Record<string, string> = {
      'customers.csv': 'customer_id,name,gender,birthday,phone,email,city,join_date,tier,origin_channel,updated_at',
      'products.csv': 'product_id,name,name_en,category,category_zh,price,cost',
      'orders.csv': 'order_id,customer_id,order_date,product_id,quantity,unit_price,discount,store,channel,original_order_id',
      'transactions.csv': 'customer_id,date,amount',
      'events.csv': 'customer_id,visitor_id,product_id,event,occurred_at',
      'interactions.csv': 'customer_id,kind,occurred_at,channel,subject,body,score,satisfaction,status,resolved_at,order_id',
    };
    for (const [name, header] of Object.entries(headers)) {
      const text = a.files[name as keyof typeof a.files];
      expect(text.startsWith(header + '\n'), name).toBe(true);
      expect(text.endsWith('\n'), name).toBe(true);
      const rows = parseCsv(text);
      const width = header.split(',').length;
      expect(rows.every((r) => r.length === width), `${name}: every row has ${width} fields`).toBe(true);
    }
    expect(parseCsvRecords(a.files['customers.csv']).length).toBe(300);
    expect(parseCsvRecords(a.files['products.csv']).length).toBe(60);
  });

  it('a small store still holds at least one case of every kind of mess, as its summary says', () => {
    const s = a.summary;
    for (const [kind, n] of Object.entries(s.memberMess.counts)) expect(n, kind).toBeGreaterThanOrEqual(1);
    expect(s.orders.anonymous).toBeGreaterThan(0);
    expect(s.orders.returns).toBeGreaterThan(0);
    expect(s.lines.duplicateRows).toBe(1);
    expect(s.lines.bulk).toBe(1);
    const orderRows = parseCsv(a.files['orders.csv']).length - 1;
    expect(orderRows).toBe(s.lines.rows);
  });

  it('rejects a negative or fractional seed and too few members', () => {
    expect(() => generateSampleStore({ seed: -1 })).toThrow(RangeError);
    expect(() => generateSampleStore({ seed: 1.5 })).toThrow(RangeError);
    expect(() => generateSampleStore({ customers: 10 })).toThrow(RangeError);
  });
});
