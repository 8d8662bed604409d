// The report's three chart kinds, as inline SVG strings: grouped bars over categories (actual vs
// model per frequency), a histogram over bin edges, and a line chart of one or two series over a
// numeric x (cumulative tracking). Our own small drawings instead of a charting library, because the
// page must carry no script or font from elsewhere and must print as drawn.
import type { Bilingual } from './report-text.ts';
import { bilingual } from './html-text.ts';
import {
  SERIES_COLOURS, frame, legend, niceTicks, r2, svgOpen, svgText, tickText, yAxis,
  type AxisTitles, type ChartSeries, type Frame, type TickFormat,
} from './svg-axes.ts';

export type { AxisTitles, ChartSeries, TickFormat } from './svg-axes.ts';

const plotWidth = (f: Frame) => f.width - f.left - f.right;

/** Viewbox size; smaller than the default for a chart shown beside a table, so its text stays legible. */
export type ChartSize = { width: number; height: number };

function maxOf(series: readonly ChartSeries[]): number {
  let m = 0;
  for (const s of series) for (const v of s.values) if (Number.isFinite(v)) m = Math.max(m, v);
  return m;
}

/** Category labels under the plot; every k-th when there are too many to fit. */
function categoryLabels(labels: readonly (Bilingual | string)[], xCentre: (i: number) => number, f: Frame): string {
  const every = Math.max(1, Math.ceil(labels.length / 16));
  return labels.map((l, i) => (i % every === 0 ? svgText(xCentre(i), f.height - f.bottom + 18, l, 'class="tick" text-anchor="middle"') : '')).join('');
}

/** A single series needs no legend, so the plot can use the room kept for one. */
function withoutLegendRoom(f: Frame, series: number): Frame {
  return series < 2 ? { ...f, top: 16 } : f;
}

export interface BarChartSpec {
  title: Bilingual;
  categories: readonly (Bilingual | string)[];
  /** One or two series, drawn side by side in each category. */
  series: readonly ChartSeries[];
  axis: AxisTitles;
  yFormat: TickFormat;
  /** Print each bar's value above it (for a handful of bars). */
  valueLabels?: TickFormat;
  size?: ChartSize;
}

/**
 * @example barChart({ title, categories: ['0', '1', '2'], series: [{ name, values: [5, 3, 1] }], axis, yFormat })
 */
export function barChart(spec: BarChartSpec): string {
  const f = withoutLegendRoom(frame(spec.size), spec.series.length);
  const ticks = niceTicks(0, maxOf(spec.series));
  const axis = yAxis(ticks, spec.yFormat, spec.axis, f);
  const n = spec.categories.length;
  const group = plotWidth(f) / Math.max(1, n);
  const k = Math.max(1, spec.series.length);
  const barW = (group * 0.76) / k;
  const x0 = (i: number) => f.left + i * group + group * 0.12;
  const bars: string[] = [];
  spec.series.forEach((s, j) => {
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v) || i >= n) return;
      const x = x0(i) + j * barW, y = axis.y(Math.max(0, v)), h = axis.y(0) - y;
      bars.push(`<rect class="bar" x="${r2(x)}" y="${r2(y)}" width="${r2(barW)}" height="${r2(h)}" fill="${SERIES_COLOURS[j % 2]}"/>`);
      if (spec.valueLabels) bars.push(svgText(x + barW / 2, y - 5, tickText(spec.valueLabels, v), 'class="value" text-anchor="middle"'));
    });
  });
  return svgOpen(spec.title, f) + axis.svg + bars.join('') + categoryLabels(spec.categories, (i) => f.left + (i + 0.5) * group, f)
    + legend(spec.series, 'bar', f) + '</svg>';
}

export interface HistogramSpec {
  title: Bilingual;
  /** n + 1 bin edges for n counts; each bin is drawn equally wide, labelled at its edges. */
  edges: readonly number[];
  counts: readonly number[];
  axis: AxisTitles;
  xFormat: TickFormat;
  yFormat: TickFormat;
  size?: ChartSize;
}

export function histogramChart(spec: HistogramSpec): string {
  const n = spec.counts.length;
  if (spec.edges.length !== n + 1) throw new RangeError(`a histogram of ${n} bins needs ${n + 1} edges, got ${spec.edges.length}`);
  const f = withoutLegendRoom(frame(spec.size), 1);
  const ticks = niceTicks(0, Math.max(0, ...spec.counts.filter(Number.isFinite)));
  const axis = yAxis(ticks, spec.yFormat, spec.axis, f);
  const w = plotWidth(f) / Math.max(1, n);
  const bars = spec.counts.map((c, i) => {
    if (!Number.isFinite(c)) return '';
    const y = axis.y(Math.max(0, c));
    return `<rect class="bin" x="${r2(f.left + i * w)}" y="${r2(y)}" width="${r2(w)}" height="${r2(axis.y(0) - y)}" fill="${SERIES_COLOURS[0]}"/>`;
  }).join('');
  const every = Math.max(1, Math.ceil((n + 1) / 10));
  const labels = spec.edges.map((e, i) => (i % every === 0 || i === n
    ? svgText(f.left + i * w, f.height - f.bottom + 18, tickText(spec.xFormat, e), 'class="tick" text-anchor="middle"')
    : '')).join('');
  return svgOpen(spec.title, f) + axis.svg + bars + labels + '</svg>';
}

export interface LineChartSpec {
  title: Bilingual;
  x: readonly number[];
  /** One or two series over `x`; the second is drawn dashed (the model, against the data). */
  series: readonly ChartSeries[];
  axis: AxisTitles;
  xFormat: TickFormat;
  yFormat: TickFormat;
  /** A vertical line, e.g. the end of the calibration period. */
  marker?: { x: number; label: Bilingual };
  size?: ChartSize;
}

export function lineChart(spec: LineChartSpec): string {
  const f = frame(spec.size);
  const xs = spec.x.filter(Number.isFinite);
  const xTicks = niceTicks(Math.min(...xs, 0), Math.max(...xs, 1), 8);
  const xLo = xTicks[0], xHi = xTicks[xTicks.length - 1];
  const xPos = (v: number) => f.left + plotWidth(f) * (v - xLo) / (xHi - xLo);
  const axis = yAxis(niceTicks(0, maxOf(spec.series)), spec.yFormat, spec.axis, f);
  const lines = spec.series.map((s, j) => {
    const pts: string[] = [];
    s.values.forEach((v, i) => { if (Number.isFinite(v) && Number.isFinite(spec.x[i])) pts.push(`${r2(xPos(spec.x[i]))},${r2(axis.y(v))}`); });
    const dash = j === 1 ? ' stroke-dasharray="7 4"' : '';
    return `<polyline fill="none" stroke="${SERIES_COLOURS[j % 2]}" stroke-width="2.5"${dash} points="${pts.join(' ')}"/>`;
  }).join('');
  const xLabels = xTicks.map((t) => svgText(xPos(t), f.height - f.bottom + 18, tickText(spec.xFormat, t), 'class="tick" text-anchor="middle"')).join('');
  let marker = '';
  if (spec.marker && Number.isFinite(spec.marker.x)) {
    const mx = xPos(spec.marker.x);
    marker = `<line class="marker" x1="${r2(mx)}" x2="${r2(mx)}" y1="${f.top}" y2="${f.height - f.bottom}"/>`
      + svgText(mx - 4, f.top + 12, spec.marker.label, 'class="marker-label" text-anchor="end"');
  }
  return svgOpen(spec.title, f) + axis.svg + xLabels + marker + lines + legend(spec.series, 'line', f) + '</svg>';
}

/** A figure around a chart, with its caption in both languages. */
export function figure(svg: string, caption: Bilingual): string {
  return `<figure>${svg}<figcaption>${bilingual(caption)}</figcaption></figure>`;
}
