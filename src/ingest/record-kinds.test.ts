import { describe, expect, it } from 'vitest';
import { resolveRecordColumns } from './record-kinds.ts';

describe('resolveRecordColumns', () => {
  it('detects a Chinese member list', () => {
    const r = resolveRecordColumns('customers', ['会员编号', '姓名', '手机', '邮箱', '生日', '性别', '城市', '入会日期', '等级', '备注'], {}, {});
    expect(r.columns).toEqual({ customer: '会员编号', name: '姓名', phone: '手机', email: '邮箱', birthday: '生日', gender: '性别', city: '城市', joinDate: '入会日期', tier: '等级' });
    expect(new Set(Object.values(r.source))).toEqual(new Set(['detected']));
  });

  it('detects English interaction columns whatever their case and punctuation', () => {
    const r = resolveRecordColumns('interactions', ['Customer ID', 'Type', 'Occurred-At', 'Score', 'Order No'], {}, {});
    expect(r.columns).toEqual({ customer: 'Customer ID', kind: 'Type', date: 'Occurred-At', score: 'Score', order: 'Order No' });
  });

  it('lets a flag win over the mapping file and detection, and refuses unknown fields and absent columns', () => {
    const r = resolveRecordColumns('customers', ['id', 'card', 'tel'], { customer: 'card' }, { phone: 'tel', customer: 'id' });
    expect(r).toEqual({ columns: { customer: 'card', phone: 'tel' }, source: { customer: 'flag', phone: 'mapping-file' } });
    expect(() => resolveRecordColumns('customers', ['card'], { amount: 'card' }, {})).toThrow(/--map names a field "amount" that a customers import does not have/);
    expect(() => resolveRecordColumns('products', ['sku'], {}, { product: 'SKU2' })).toThrow(/the mapping file names column "SKU2" for product, but the file has no such column/);
    expect(() => resolveRecordColumns('events', ['sku', 'when'], {}, {}, 'e.csv')).toThrow(/e\.csv lacks columns an events import needs: event: view\/favorite\/cart/);
  });
});
