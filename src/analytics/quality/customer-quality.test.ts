// The customer checks on hand-made customers; each expected count is worked out in the comments.
import { describe, expect, it } from 'vitest';
import { customerQuality, monthsBefore, type CustomerFacts } from './customer-quality.ts';

const base: CustomerFacts = { code: '', name: null, phone: null, email: null, birthday: null, joinDate: null, updatedAt: null, lastPurchase: null };
const c = (code: string, f: Partial<CustomerFacts>): CustomerFacts => ({ ...base, code, updatedAt: '2026-01-01', ...f });

const CUSTOMERS: CustomerFacts[] = [
  c('A', { name: '王芳', phone: '13800138000', email: 'wf@qq.com', birthday: '1990-05-01' }),
  c('B', { name: '王芳', phone: '+86 138-0013-8000', email: 'WF@qq.com ', birthday: '1990-05-02' }), // same phone and e-mail as A (normalised)
  c('C', { name: '李雷', phone: '13900000001', email: 'lei@163.com', birthday: '1985-01-01' }),
  c('D', { name: '李雷', phone: '13900000002', email: 'lilei@163', birthday: '1985-01-01' }), // same name+birthday as C; e-mail lacks a suffix
  c('E', { name: 'Tom', phone: '021-64000000', email: 'tom@@example.com', birthday: '1900-01-01' }), // landline; double @; age 126
  c('F', { name: 'Ann', phone: '1390000000', birthday: '2062-03-04', joinDate: '2027-01-01' }), // 10 digits; born and joined in the future
  c('G', { name: 'Old', phone: '13700000000', joinDate: '2019-05-01', updatedAt: '2022-03-01', lastPurchase: null }), // stale: last sign 2022-03-01
  c('H', { name: 'Buyer', phone: '13700000001', joinDate: '2019-05-01', updatedAt: '2022-03-01', lastPurchase: '2025-12-24 10:00:00' }), // bought recently
  c('I', { name: 'Edge', phone: '13700000002', updatedAt: '2024-06-30' }), // exactly 24 months before 2026-06-30: not older than the cut-off
];

describe('customerQuality', () => {
  const checks = Object.fromEntries(customerQuality(CUSTOMERS, { today: '2026-06-30' }).map((k) => [k.id, k]));

  it('finds duplicates by normalised phone, by e-mail and by name + birthday, counting the customers involved', () => {
    expect(checks['duplicate-phone']).toMatchObject({ count: 2, total: 9, examples: ['A/B'], severity: 'warning' });
    expect(checks['duplicate-email']).toMatchObject({ count: 2, examples: ['A/B'] });
    // A and B share a name but not a birthday; C and D share both.
    expect(checks['duplicate-name-birthday']).toMatchObject({ count: 2, examples: ['C/D'] });
  });

  it('tells missing from malformed contact fields', () => {
    // B's "+86 138-0013-8000" has blanks and dashes: malformed as written (the duplicate check still matches it).
    expect(checks['malformed-phone']).toMatchObject({ count: 3, examples: ['B', 'E', 'F'] });
    expect(checks['missing-phone'].count).toBe(0);
    expect(checks['missing-email']).toMatchObject({ count: 4, examples: ['F', 'G', 'H', 'I'], severity: 'info' });
    expect(checks['malformed-email']).toMatchObject({ count: 2, examples: ['D', 'E'] });
  });

  it('flags stale records from the latest of update, purchase and join date', () => {
    expect(checks['stale-records']).toMatchObject({ count: 1, examples: ['G'] });
    // Measured from 2028-01-01 instead, everyone updated 2026-01-01 is still fresh (cut-off 2026-01-01), H's
    // purchase 2025-12-24 is not: G, H and I are stale.
    const later = customerQuality(CUSTOMERS, { today: '2026-06-30', asOf: '2028-01-01' }).find((k) => k.id === 'stale-records');
    expect(later).toMatchObject({ count: 3, examples: ['G', 'H', 'I'] });
  });

  it('flags future and impossible dates as errors', () => {
    expect(checks['future-birthday']).toMatchObject({ count: 1, examples: ['F'], severity: 'error' });
    expect(checks['impossible-age']).toMatchObject({ count: 1, examples: ['E'] });
    expect(checks['future-join-date']).toMatchObject({ count: 1, examples: ['F'] });
  });

  it('gives every check a bilingual label and honours the options', () => {
    for (const k of Object.values(checks)) expect(k.label).toMatchObject({ en: expect.any(String), 'zh-CN': expect.any(String) });
    const uk = customerQuality(CUSTOMERS, { today: '2026-06-30', phonePattern: /^\+?[\d -]{8,}$/, maxAge: 100, examples: 1 });
    const byId = Object.fromEntries(uk.map((k) => [k.id, k]));
    expect(byId['malformed-phone'].count).toBe(0);
    expect(byId['impossible-age']).toMatchObject({ count: 1, examples: ['E'] });
    expect(byId['missing-email'].examples).toEqual(['F']);
  });
});

describe('monthsBefore', () => {
  it('steps back whole months, clamping to the month end', () => {
    expect(monthsBefore('2026-06-30', 24)).toBe('2024-06-30');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2024-03-31', 1)).toBe('2024-02-29');
    expect(monthsBefore('2026-01-15', 1)).toBe('2025-12-15');
    expect(monthsBefore('2026-06-30', 1440)).toBe('1906-06-30');
  });
});
