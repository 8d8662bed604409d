import { describe, expect, it } from 'vitest';
import { StoreError } from '../../store/store-error.ts';
import { isIsoDate, prepareCustomers } from './customer-record.ts';

describe('isIsoDate', () => {
  it('accepts real dates, including leap days and years below 100', () => {
    for (const d of ['2024-02-29', '1990-12-31', '0050-06-15', '0001-01-01']) expect(isIsoDate(d), d).toBe(true);
  });
  it('rejects impossible dates, year 0 (PostgreSQL has none) and other formats', () => {
    for (const d of ['2023-02-29', '2023-13-01', '2023-04-31', '0000-01-01', '2023/01/01', '01-02-2023', '2023-1-1', '']) {
      expect(isIsoDate(d), d).toBe(false);
    }
  });
});

describe('prepareCustomers', () => {
  it('trims codes, keeps the last of repeated codes and counts the repeats', () => {
    const p = prepareCustomers([
      { customer_code: ' M1 ', name: '甲' },
      { customer_code: 'M2', name: '乙' },
      { customer_code: 'M1', name: '丙' },
    ]);
    expect(p.records).toEqual([{ customer_code: 'M2', name: '乙' }, { customer_code: 'M1', name: '丙' }]);
    expect(p.duplicatesInInput).toBe(1);
  });

  it('lists as fields only the columns some record carries', () => {
    const p = prepareCustomers([{ customer_code: 'A', city: '上海' }, { customer_code: 'B', tags: ['vip'], name: undefined }]);
    expect(p.fields).toEqual(['city', 'tags']);
  });

  it('refuses blank codes, bad dates and non-string tags, naming the record', () => {
    const cases: [Parameters<typeof prepareCustomers>[0], RegExp][] = [
      [[{ customer_code: 'A' }, { customer_code: '  ' }], /record 2: customer_code is empty/],
      [[{ customer_code: 'A', birthday: '1990-02-30' }], /record 1 \(code A\): birthday "1990-02-30"/],
      [[{ customer_code: 'A', join_date: '2024/01/01' }], /join_date/],
      [[{ customer_code: 'A', tags: [1] as unknown as string[] }], /tags must be a list of strings/],
    ];
    for (const [input, message] of cases) {
      let caught: unknown;
      try {
        prepareCustomers(input);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(StoreError);
      expect((caught as StoreError).code).toBe('invalid-input');
      expect((caught as StoreError).message).toMatch(message);
    }
  });
});
