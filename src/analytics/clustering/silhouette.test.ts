import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Random } from '../simulate/random.ts';
import type { Matrix } from './log-standardize.ts';
import { meanSilhouettes, sampleRows, silhouetteWidths } from './silhouette.ts';

const oneD = (xs: number[]): Matrix => ({ n: xs.length, p: 1, data: Float64Array.from(xs) });

describe('silhouette widths', () => {
  it('match the widths worked out by hand on five points on a line', () => {
    // x = 0, 2 | 6, 7, 9. For x = 0: a = |0−2| = 2, b = (6 + 7 + 9)/3 = 22/3, s = 1 − a/b = 8/11.
    // x = 2: a = 2, b = (4 + 5 + 7)/3 = 16/3, s = 5/8.   x = 6: a = (1 + 3)/2 = 2, b = (6 + 4)/2 = 5, s = 3/5.
    // x = 7: a = (1 + 2)/2 = 1.5, b = (7 + 5)/2 = 6, s = 3/4.   x = 9: a = (3 + 2)/2 = 2.5, b = (9 + 7)/2 = 8, s = 11/16.
    const [s] = silhouetteWidths(oneD([0, 2, 6, 7, 9]), [{ k: 2, labels: Int32Array.of(0, 0, 1, 1, 1) }]);
    const expected = [8 / 11, 5 / 8, 3 / 5, 3 / 4, 11 / 16];
    // A handful of additions and one division each: exact to a few ulps.
    expected.forEach((e, i) => expect(s[i]).toBeCloseTo(e, 14));
    expect(meanSilhouettes(oneD([0, 2, 6, 7, 9]), [{ k: 2, labels: Int32Array.of(0, 0, 1, 1, 1) }]).means[0])
      .toBeCloseTo(expected.reduce((a, b) => a + b) / 5, 14);
  });

  it('gives a singleton 0 and takes b from the nearest other cluster', () => {
    // {0, 2} {6, 7} {9}: s(9) = 0 by Rousseeuw's convention. For x = 6: a = 1, the cluster {9}
    // is nearer on average (3) than {0, 2} (5), so b = 3 and s = 1 − 1/3 = 2/3.
    const [s] = silhouetteWidths(oneD([0, 2, 6, 7, 9]), [{ k: 3, labels: Int32Array.of(0, 0, 1, 1, 2) }]);
    expect(s[4]).toBe(0);
    expect(s[2]).toBeCloseTo(2 / 3, 14);
  });

  it('equals R cluster::silhouette on the Ruspini data for PAM partitions with k = 2..6', () => {
    // Fixture made by fixtures/ruspini-silhouette.R (R 4.2.2, cluster 2.1.4), widths printed with 17
    // significant digits. Both sides sum the same 74 Euclidean distances per point in a different
    // order, so they agree to rounding: 1e-12 absolute is ~10⁴ ulps of widths near 0.5.
    const lines = readFileSync(join(import.meta.dirname, 'fixtures', 'ruspini-silhouette.csv'), 'utf8').trim().split('\n').filter((l) => !l.startsWith('#'));
    const header = lines[0].split(',');
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    const col = (name: string) => rows.map((r) => r[header.indexOf(name)]);
    const m: Matrix = { n: rows.length, p: 2, data: Float64Array.from(rows.flatMap((r) => [r[0], r[1]])) };
    const ks = [2, 3, 4, 5, 6];
    const widths = silhouetteWidths(m, ks.map((k) => ({ k, labels: Int32Array.from(col(`cl${k}`), (c) => c - 1) })));
    ks.forEach((k, q) => {
      const ref = col(`sil${k}`);
      let worst = 0;
      for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(widths[q][i] - ref[i]));
      expect(worst).toBeLessThan(1e-12);
    });
    // summary(silhouette(pam(ruspini, 4)))$avg.width printed by R: 0.737657 (Kaufman & Rousseeuw 1990, ch. 2, report 0.74).
    const avg4 = widths[2].reduce((a, b) => a + b) / 75;
    expect(avg4).toBeCloseTo(0.737657, 6);
  });

  it('scores a seeded sample above the exact limit, the same sample for the same seed', () => {
    const rng = new Random(3);
    const n = 400;
    const m: Matrix = { n, p: 1, data: Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 10) + rng.normal()) };
    const labels = Int32Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 1));
    const exact = meanSilhouettes(m, [{ k: 2, labels }]);
    const a = meanSilhouettes(m, [{ k: 2, labels }], 100, 9);
    const b = meanSilhouettes(m, [{ k: 2, labels }], 100, 9);
    expect(exact).toMatchObject({ rows: 400, exact: true });
    expect(a).toMatchObject({ rows: 100, exact: false });
    expect(a.means[0]).toBe(b.means[0]);
    // Blobs 10 sd apart: every width is near 0.9, so a 100-row sample lands within 0.02 of the exact mean.
    expect(Math.abs(a.means[0] - exact.means[0])).toBeLessThan(0.02);
  });

  it('draws distinct rows for the sample', () => {
    const rows = sampleRows(1000, 300, new Random(1));
    expect(new Set(rows).size).toBe(300);
    expect(Math.max(...rows)).toBeLessThan(1000);
  });
});
