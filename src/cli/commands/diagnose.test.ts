import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing/run-cli.ts';
import { sharedData } from '../../testing/shared-data.ts';

describe('cvm diagnose', () => {
  it('reproduces BTYD\'s weekly cumulative tracking of CDNOW and reports the holdout check', async () => {
    const r = await runCli('diagnose', sharedData('cdnow/cdnowElog.csv'), '--customer', 'masterid', '--date', 'date', '--calibration-end', '1997-09-30', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    // BTYD's cdnowSummary$cu.tracking: cumulative weekly repeat transactions, weeks 1–78, exactly.
    const btyd = readFileSync(sharedData('cdnow/cdnowSummary_cu_tracking.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => Number(l.split(',')[1]));
    expect(j.tracking.points.map((p: { actual: number }) => p.actual)).toEqual(btyd);
    // The calibration fit is FHL 2005's (r = 0.243, α = 4.414, a = 0.793, b = 2.426).
    expect(j.params.r).toBeCloseTo(0.2426, 3);
    expect(j.histogram.map((b: { actual: number }) => b.actual)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    expect(j.holdout.totalActual).toBe(1882);
    // FHL 2005 Figure 3: the model tracks the cumulative curve closely at the end of the holdout.
    expect(Math.abs(j.tracking.finalRelativeError)).toBeLessThan(0.05);
  });

  it('needs the calibration end', async () => {
    const r = await runCli('diagnose', sharedData('cdnow/cdnowElog.csv'), '--customer', 'masterid', '--date', 'date');
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/--calibration-end/);
  });
});
