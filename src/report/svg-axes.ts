// The parts every chart shares: the frame, "nice" tick values, bilingual SVG text, the legend.
// Charts are drawn in a fixed viewBox and scale with the page width, so one drawing serves the
// screen and the printed page. No xmlns attribute: inline <svg> in HTML does not need one, and the
// page must not contain a single URL.
import type { Lang } from './report-data.ts';
import type { Bilingual } from './report-text.ts';
import { escapeHtml } from './html-text.ts';

/** A chart's drawing area in viewBox units; text is 12 units high, so a narrower frame keeps it legible when the chart is shown narrower. */
export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const CHART: Frame = { width: 720, height: 300, left: 72, right: 20, top: 34, bottom: 56 };

export function frame(size?: { width: number; height: number }): Frame {
  return size ? { ...CHART, ...size } : CHART;
}
export const SERIES_COLOURS = ['#1f5f8b', '#e07b39'] as const;

export type TickFormat = (n: number, lang: Lang) => string;

export interface ChartSeries {
  name: Bilingual;
  values: readonly number[];
}

export interface AxisTitles {
  x: Bilingual;
  y: Bilingual;
}

/** Round to 2 decimals: coordinates finer than 1/100 of a viewBox unit are invisible and bloat the page. */
export function r2(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/**
 * Tick values covering [0 or min, max] at a 1-2-5 step (Heckbert's "nice numbers"), so labels read as
 * round numbers whatever the data's scale.
 */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return [0, 1];
  if (max <= min) max = min + (min === 0 ? 1 : Math.abs(min));
  const raw = (max - min) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  // Rounding each tick to the step's precision keeps 0.30000000000000004 out of the labels.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toFixed(digits)));
  return ticks;
}

/**
 * One <text>, or one per language when the two differ (hidden by the page's language class). A class
 * in `attrs` is merged with the language class: an element with two class attributes keeps only the first.
 */
export function svgText(x: number, y: number, text: Bilingual | string, attrs = ''): string {
  const cls = /\bclass="([^"]*)"/.exec(attrs)?.[1];
  const rest = attrs.replace(/\s*\bclass="[^"]*"/, '').trim();
  const open = (langClass: string) => {
    const c = [langClass, cls].filter(Boolean).join(' ');
    return `<text${c ? ` class="${c}"` : ''} x="${r2(x)}" y="${r2(y)}"${rest ? ` ${rest}` : ''}>`;
  };
  if (typeof text === 'string' || text.en === text['zh-CN']) {
    return `${open('')}${escapeHtml(typeof text === 'string' ? text : text.en)}</text>`;
  }
  return `${open('t-en')}${escapeHtml(text.en)}</text>${open('t-zh')}${escapeHtml(text['zh-CN'])}</text>`;
}

export function tickText(format: TickFormat, v: number): Bilingual {
  return { 'en': format(v, 'en'), 'zh-CN': format(v, 'zh-CN') };
}

/** Opens the <svg> with an accessible name in both languages. */
export function svgOpen(title: Bilingual, f: Frame = CHART): string {
  const { width, height } = f;
  return `<svg class="chart" style="max-width:${Math.round(width * 1.1)}px" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`${title.en} / ${title['zh-CN']}`)}">`
    + `<title>${escapeHtml(`${title.en} / ${title['zh-CN']}`)}</title>`;
}

/** Horizontal grid lines with y labels, both axis titles; returns the y scale with it. */
export function yAxis(ticks: readonly number[], format: TickFormat, titles: AxisTitles, f: Frame = CHART): { svg: string; y: (v: number) => number } {
  const { width, height, left, right, top, bottom } = f;
  const lo = ticks[0], hi = ticks[ticks.length - 1];
  const plotH = height - top - bottom;
  const y = (v: number) => top + plotH * (1 - (v - lo) / (hi - lo));
  const parts: string[] = [];
  for (const t of ticks) {
    parts.push(`<line class="grid" x1="${left}" x2="${width - right}" y1="${r2(y(t))}" y2="${r2(y(t))}"/>`);
    parts.push(svgText(left - 6, y(t) + 4, tickText(format, t), 'class="tick" text-anchor="end"'));
  }
  parts.push(`<line class="axis" x1="${left}" x2="${width - right}" y1="${r2(y(lo))}" y2="${r2(y(lo))}"/>`);
  parts.push(svgText(left + (width - left - right) / 2, height - 8, titles.x, 'class="axis-title" text-anchor="middle"'));
  parts.push(svgText(16, top + plotH / 2, titles.y, `class="axis-title" text-anchor="middle" transform="rotate(-90 16 ${r2(top + plotH / 2)})"`));
  return { svg: parts.join(''), y };
}

/** Legend swatches in a row above the plot: boxes for bars, line segments (the second dashed) for lines. */
export function legend(series: readonly ChartSeries[], kind: 'bar' | 'line', f: Frame = CHART): string {
  if (series.length < 2) return '';
  let x = f.left;
  const parts: string[] = [];
  series.forEach((s, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
    parts.push(kind === 'line'
      ? `<line x1="${x}" x2="${x + 18}" y1="14" y2="14" stroke="${colour}" stroke-width="3"${i === 1 ? ' stroke-dasharray="5 3"' : ''}/>`
      : `<rect x="${x}" y="8" width="18" height="12" fill="${colour}"/>`);
    parts.push(svgText(x + 24, 18, s.name, 'class="legend"'));
    // Width by the longer label; CJK glyphs are about twice as wide as Latin ones.
    x += 40 + Math.max(s.name.en.length * 7, s.name['zh-CN'].length * 13);
  });
  return parts.join('');
}
