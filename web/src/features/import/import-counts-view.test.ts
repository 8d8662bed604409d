import { describe, expect, it } from 'vitest';
import { countRows } from './import-counts-view.ts';

describe('countRows', () => {
  it('lists every outcome the server sent, in a fixed order, and the row lines add up to the rows read', () => {
    const rows = countRows({ customers: 40, rejected: 2, read: 100, loaded: 90, excluded: 5, duplicates: 2, alreadyLoaded: 1 });
    expect(rows.map((r) => r.key)).toEqual(['read', 'loaded', 'excluded', 'duplicates', 'alreadyLoaded', 'rejected', 'customers']);
    const v = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    expect(v.read).toBe(v.loaded + v.excluded + v.duplicates + v.alreadyLoaded + v.rejected);
    expect(rows.every((r) => r.en && r.zh)).toBe(true);
  });
  it('leaves out what the server did not send or does not know', () => {
    expect(countRows({ read: 3, loaded: 3, somethingNew: 1 }).map((r) => r.key)).toEqual(['read', 'loaded']);
  });
});
