import { describe, expect, it } from 'vitest';
import { countRows } from './import-counts-view.ts';

describe('countRows', () => {
  it('lists every outcome and they add up to the rows read', () => {
    const rows = countRows({
      read: 100, loaded: 90, anonymous: 4, excluded: { total: 5, byReason: { cancelled: 5 } }, duplicates: 2, alreadyLoaded: 1,
      rejected: { total: 2, byReason: { 'bad-date': 2 } },
    });
    const v = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    expect(v.read).toBe(v.loaded + v.excluded + v.duplicates + v['already-loaded'] + v.rejected);
    expect(rows.every((r) => r.en && r.zh)).toBe(true);
  });
  it('leaves out what the server did not send', () => {
    expect(countRows({ read: 3, loaded: 3 }).map((r) => r.key)).toEqual(['read', 'loaded']);
  });
});
