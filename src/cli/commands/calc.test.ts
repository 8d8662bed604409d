import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing/run-cli.ts';

describe('cvm calc', () => {
  it('retention value: the course example of 40 a week kept at 90 % with 10 % discount', async () => {
    const r = await runCli('calc', 'retention-value', '--margin', '40', '--retention', '0.9', '--discount', '0.1', '--format', 'json');
    expect(r.code).toBe(0);
    // 40 · 0.9 / (1 + 0.1 − 0.9) = 36 / 0.2 = 180.
    expect(JSON.parse(r.out).value).toBeCloseTo(180, 9);
  });
  it('substitute value and whether the customer stays', async () => {
    const r = await runCli('calc', 'substitute-value', '--quantity', '10', '--utility', '12', '--price', '9', '--switching-cost', '6', '--our-value', '20', '--format', 'json');
    const j = JSON.parse(r.out);
    // 10 · (12 − 9) − 0 − 0 − 6 = 24 > 20: the competitor's offer is worth more, the customer switches.
    expect(j.substituteValue).toBe(24);
    expect(j.stays).toBe(false);
    const keep = await runCli('calc', 'substitute-value', '--quantity', '10', '--utility', '12', '--price', '9', '--switching-cost', '6', '--our-value', '30');
    expect(keep.out).toMatch(/exceeds it: the customer stays/);
  });
  it('refuses an infinite retention value', async () => {
    const r = await runCli('calc', 'retention-value', '--margin', '40', '--retention', '1');
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/infinite/);
  });
});
