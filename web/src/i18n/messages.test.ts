import { describe, expect, it } from 'vitest';
import { en, zhCN } from './messages.ts';

const CJK = /[\u4e00-\u9fff]/;

describe('message catalogue', () => {
  it('has the same keys in both languages, none empty', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(zhCN)) expect(v.trim(), k).not.toBe('');
  });
  it('has Chinese text for every entry (not English left untranslated)', () => {
    const untranslated = Object.entries(zhCN).filter(([, v]) => !CJK.test(v)).map(([k]) => k);
    expect(untranslated).toEqual([]);
  });
  it('uses the domain terms', () => {
    expect(zhCN['nav.churn']).toBe('流失预警');
    expect(zhCN['customers.pyramid']).toBe('客户金字塔');
    expect(zhCN['customers.lifecycle']).toContain('客户生命周期');
  });
});
