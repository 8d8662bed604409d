import { describe, expect, it } from 'vitest';
import { parseMapping } from './mapping-file.ts';

describe('parseMapping', () => {
  it('reads roles and options (a BOM from Windows editors is fine)', () => {
    const m = parseMapping('\ufeff{"customer": "会员编号", "date": "下单时间", "amount": "实付金额", "dateFormat": "%Y年%m月%d日", "cancelPrefix": ""}');
    expect(m).toEqual({ columns: { customer: '会员编号', date: '下单时间', amount: '实付金额' }, dateFormat: '%Y年%m月%d日', cancelPrefix: '' });
  });

  it('refuses unknown keys (typos), empty names and bad JSON with the valid keys listed', () => {
    expect(() => parseMapping('{"custmer": "id"}')).toThrow(/custmer[\s\S]*Valid keys: customer, date/);
    expect(() => parseMapping('{"customer": " "}')).toThrow(/customer/);
    expect(() => parseMapping('{customer: 1}', 'm.json')).toThrow(/m\.json is not valid JSON/);
  });
});
