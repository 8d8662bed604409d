import { describe, expect, it } from 'vitest';
import { lastUpdate } from './data-folder-quality.ts';

describe('lastUpdate', () => {
  const created = new Date('2026-01-10T08:00:00Z');
  it('takes the later of the source date and a change stored after creation', () => {
    expect(lastUpdate(new Date('2022-03-01T00:00:00Z'), created, created)).toBe('2022-03-01');
    expect(lastUpdate(new Date('2022-03-01T00:00:00Z'), created, new Date('2026-02-01T09:00:00Z'))).toBe('2026-02-01');
    expect(lastUpdate(null, created, new Date('2026-02-01T09:00:00Z'))).toBe('2026-02-01');
  });
  it('does not count being imported as an update', () => {
    expect(lastUpdate(null, created, created)).toBeNull();
  });
});
