// The chart helpers, checked on small hand-made data whose geometry is worked out here: the default
// frame is 300 units high with 34 above (room for the legend) and 56 below the plot, so the plot is
// 210 units high; a single-series chart has no legend and only 16 above, so 228.
import { describe, expect, it } from 'vitest';
import { markupProblems } from './markup-check.ts';
import { niceTicks } from './svg-axes.ts';
import { barChart, histogramChart, lineChart } from './svg-charts.ts';

const title = { 'en': 'Test chart', 'zh-CN': '测试图' };
const axis = { x: { 'en': 'Repeat purchases', 'zh-CN': '重复购买次数' }, y: { 'en': 'Customers', 'zh-CN': '客户数' } };
const plain = (n: number) => String(n);
const PLOT_HEIGHT = 300 - 34 - 56;
const PLOT_HEIGHT_NO_LEGEND = 300 - 16 - 56;

function attrs(svg: string, tag: string, cls?: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of svg.matchAll(new RegExp(`<${tag}\\b([^>]*)/?>`, 'g'))) {
    const a: Record<string, string> = {};
    for (const p of m[1].matchAll(/([\w-]+)="([^"]*)"/g)) a[p[1]] = p[2];
    if (cls === undefined || a.class === cls) out.push(a);
  }
  return out;
}

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten and covers the data', () => {
    expect(niceTicks(0, 7)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(niceTicks(0, 1648)).toEqual([0, 500, 1000, 1500, 2000]);
    // 0.1 steps must print as 0.3, not 0.30000000000000004.
    expect(niceTicks(0, 0.736)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
    expect(niceTicks(0, 0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe('barChart', () => {
  const svg = barChart({
    title, axis, yFormat: plain, categories: ['0', '1', '2+'],
    series: [{ name: { 'en': 'Actual', 'zh-CN': '实际' }, values: [2, 4, 1] }, { name: { 'en': 'Model', 'zh-CN': '模型' }, values: [1.5, 3, NaN] }],
  });

  it('draws one bar per finite value, its height proportional to the value on a 0–4 axis', () => {
    const bars = attrs(svg, 'rect', 'bar');
    expect(bars.map((b) => Number(b.height))).toEqual([2, 4, 1, 1.5, 3].map((v) => (v / 4) * PLOT_HEIGHT));
    // The two series side by side: the second series' bar starts where the first one's ends.
    expect(Number(bars[3].x)).toBeCloseTo(Number(bars[0].x) + Number(bars[0].width), 2);
  });

  it('labels axes and legend in both languages and is well-formed', () => {
    expect(svg).toContain('<text class="t-en axis-title"');
    expect(svg).toContain('<text class="t-zh legend"');
    expect(svg).toContain('>重复购买次数</text>');
    expect(svg).toContain('>模型</text>');
    expect(svg).not.toContain('xmlns');
    expect(markupProblems(svg)).toEqual([]);
  });
});

describe('histogramChart', () => {
  it('draws adjoining bins labelled at their edges', () => {
    const svg = histogramChart({ title, axis, xFormat: plain, yFormat: plain, edges: [0, 100, 200, 300], counts: [30, 10, 5] });
    const bins = attrs(svg, 'rect', 'bin');
    expect(bins).toHaveLength(3);
    expect(Number(bins[1].x)).toBeCloseTo(Number(bins[0].x) + Number(bins[0].width), 2);
    expect(Number(bins[0].height)).toBeCloseTo(PLOT_HEIGHT_NO_LEGEND, 6);
    for (const edge of ['>0<', '>100<', '>200<', '>300<']) expect(svg).toContain(edge);
    expect(markupProblems(svg)).toEqual([]);
  });

  it('refuses edges that do not match the counts', () => {
    expect(() => histogramChart({ title, axis, xFormat: plain, yFormat: plain, edges: [0, 1], counts: [1, 2] })).toThrow(RangeError);
  });
});

describe('lineChart', () => {
  it('draws the model dashed against the data, with the calibration marker', () => {
    const x = [1, 2, 3, 4];
    const svg = lineChart({
      title, axis, xFormat: plain, yFormat: plain, x,
      series: [{ name: title, values: [1, 2, 3, 4] }, { name: title, values: [1.1, 2.1, 3.1, NaN] }],
      marker: { x: 2, label: { 'en': 'end of calibration', 'zh-CN': '拟合期结束' } },
    });
    const lines = attrs(svg, 'polyline');
    expect(lines).toHaveLength(2);
    expect(lines[0].points.split(' ')).toHaveLength(4);
    expect(lines[1].points.split(' ')).toHaveLength(3);
    expect(lines[1]['stroke-dasharray']).toBeDefined();
    expect(lines[0]['stroke-dasharray']).toBeUndefined();
    expect(attrs(svg, 'line', 'marker')).toHaveLength(1);
    expect(markupProblems(svg)).toEqual([]);
  });
});

describe('markupProblems', () => {
  it('finds unclosed elements, misnested ones and non-finite attributes', () => {
    expect(markupProblems('<svg><g></svg>')).not.toEqual([]);
    expect(markupProblems('<svg><rect height="NaN"/></svg>')).not.toEqual([]);
    expect(markupProblems('<p>a < b</p>')).not.toEqual([]);
    expect(markupProblems('<p>ok<br></p><svg><rect/></svg>')).toEqual([]);
  });
});
