// Step curves with a shaded confidence band, as inline SVG: the Kaplan-Meier chart of the report.
// The first curve is drawn thick with its band; the others (one per group) thin, each in its own
// colour with a legend, because a survival curve is a step function and lines drawn point to point
// would show drops before they happen.
import type { Bilingual } from './report-text.ts';
import { frame, niceTicks, r2, svgOpen, svgText, tickText, yAxis, type AxisTitles, type TickFormat } from './svg-axes.ts';

export interface StepCurve {
  name: Bilingual;
  /** Times ascending; value[i] holds from x[i] to x[i + 1]. */
  x: readonly number[];
  y: readonly number[];
  lower?: readonly number[];
  upper?: readonly number[];
}

export interface StepChartSpec {
  title: Bilingual;
  curves: readonly StepCurve[];
  axis: AxisTitles;
  xFormat: TickFormat;
  yFormat: TickFormat;
}

export const STEP_COLOURS = ['#1f5f8b', '#e07b39', '#3a9d5d', '#b5405a', '#7a5cb0', '#8c6d31', '#4d8fa8', '#999999'] as const;

const stepPoints = (x: readonly number[], y: readonly number[], px: (v: number) => number, py: (v: number) => number): string[] => {
  const pts: string[] = [];
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(y[i])) continue;
    if (i > 0 && Number.isFinite(y[i - 1])) pts.push(`${r2(px(x[i]))},${r2(py(y[i - 1]))}`);
    pts.push(`${r2(px(x[i]))},${r2(py(y[i]))}`);
  }
  return pts;
};

/**
 * @example stepChart({ title, curves: [{ name, x: [0, 90, 180], y: [1, 0.6, 0.4], lower, upper }], axis, xFormat, yFormat })
 */
export function stepChart(spec: StepChartSpec): string {
  const f = { ...frame(), top: spec.curves.length > 1 ? 34 : 16 };
  const xs = spec.curves.flatMap((c) => c.x).filter(Number.isFinite);
  const xTicks = niceTicks(0, Math.max(1, ...xs), 8);
  const xHi = xTicks[xTicks.length - 1];
  const px = (v: number) => f.left + (f.width - f.left - f.right) * v / xHi;
  const axis = yAxis(niceTicks(0, 1), spec.yFormat, spec.axis, f);
  const parts: string[] = [];
  const [main] = spec.curves;
  if (main?.lower && main.upper) {
    const top = stepPoints(main.x, main.upper, px, axis.y);
    const bottom = stepPoints(main.x, main.lower, px, axis.y).reverse();
    if (top.length && bottom.length) parts.push(`<polygon class="band" fill="${STEP_COLOURS[0]}" fill-opacity="0.15" stroke="none" points="${[...top, ...bottom].join(' ')}"/>`);
  }
  spec.curves.forEach((c, i) => {
    const width = i === 0 ? 3 : 1.6;
    parts.push(`<polyline fill="none" stroke="${STEP_COLOURS[i % STEP_COLOURS.length]}" stroke-width="${width}" points="${stepPoints(c.x, c.y, px, axis.y).join(' ')}"/>`);
  });
  const xLabels = xTicks.map((t) => svgText(px(t), f.height - f.bottom + 18, tickText(spec.xFormat, t), 'class="tick" text-anchor="middle"')).join('');
  let legend = '';
  if (spec.curves.length > 1) {
    let x = f.left;
    spec.curves.forEach((c, i) => {
      legend += `<line x1="${r2(x)}" x2="${r2(x + 16)}" y1="14" y2="14" stroke="${STEP_COLOURS[i % STEP_COLOURS.length]}" stroke-width="3"/>`;
      legend += svgText(x + 20, 18, c.name, 'class="legend"');
      x += 34 + Math.max(c.name.en.length * 7, c.name['zh-CN'].length * 13);
    });
  }
  return svgOpen(spec.title, f) + axis.svg + xLabels + parts.join('') + legend + '</svg>';
}
