// The page's inline style sheet and its one script. A system font stack with the CJK faces each
// platform ships (PingFang, YaHei, Noto CJK) because the page may load no font; the print rules drop
// the navigation and keep charts and tables whole on a page.
import { reportText } from './report-text.ts';

export const REPORT_CSS = `
:root { --ink: #1d2733; --muted: #5b6775; --line: #d9dee4; --accent: #1f5f8b; --panel: #f4f6f8; }
* { box-sizing: border-box; }
html.lang-en .t-zh, html.lang-zh .t-en { display: none; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif; }
header { background: var(--accent); color: #fff; padding: 20px 32px;
  display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; }
header h1 { margin: 0; font-size: 26px; }
header p { margin: 4px 0 0; opacity: .9; }
#lang-switch { font: inherit; background: #fff; color: var(--accent); border: 0; border-radius: 4px;
  padding: 6px 16px; cursor: pointer; white-space: nowrap; }
nav { padding: 8px 32px; border-bottom: 1px solid var(--line); background: var(--panel); }
nav a { margin-right: 20px; color: var(--accent); text-decoration: none; }
main { max-width: 1080px; margin: 0 auto; padding: 0 32px 24px; }
section { border-bottom: 1px solid var(--line); padding: 4px 0 24px; }
h2 { font-size: 21px; margin: 24px 0 12px; color: var(--accent); }
h3 { font-size: 16px; margin: 22px 0 8px; }
table { border-collapse: collapse; font-size: 14px; margin: 8px 0; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; }
.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.facts th { font-weight: normal; color: var(--muted); padding-right: 24px; }
.table-wrap { overflow-x: auto; }
.columns { display: flex; flex-wrap: wrap; gap: 0 48px; align-items: flex-start; }
figure { margin: 12px 0; width: 100%; max-width: 760px; }
.columns figure { max-width: 560px; }
figcaption { color: var(--muted); font-size: 13px; }
svg.chart { width: 100%; height: auto; display: block; }
svg text { font-size: 12px; fill: var(--ink); }
svg .grid { stroke: #e6e9ed; }
svg .axis { stroke: var(--ink); }
svg .tick { fill: var(--muted); }
svg .axis-title { font-size: 13px; }
svg .marker { stroke: var(--muted); stroke-dasharray: 3 3; }
svg .marker-label { fill: var(--muted); }
svg .bin { stroke: #fff; stroke-width: 1; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; }
.badge.error { background: #fbe3e1; color: #a42a1e; }
.badge.warning { background: #fdf0d5; color: #7a5000; }
.badge.info { background: #e4eef6; color: var(--accent); }
.badge.ok { background: #e3f4e6; color: #276b33; }
.ok { color: #276b33; }
.alert { color: #a42a1e; font-weight: 600; }
.unavailable { background: var(--panel); border-left: 4px solid var(--muted); padding: 8px 12px; }
.note { background: var(--panel); border-left: 4px solid var(--accent); padding: 8px 12px; max-width: 860px; }
.lead { font-size: 16px; }
code { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
footer { color: var(--muted); font-size: 13px; padding: 16px 32px; max-width: 1080px; margin: 0 auto; }
@media print {
  @page { margin: 14mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10.5pt; }
  header { background: none; color: var(--ink); padding: 0 0 8px; border-bottom: 2px solid var(--ink); }
  #lang-switch, nav { display: none; }
  main, footer { max-width: none; padding: 0; }
  figure, table, .unavailable { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .table-wrap { overflow: visible; }
}
`;

/**
 * Toggles the language class. The button starts hidden and the script reveals it, so where scripts
 * do not run (a mail client) the reader sees the default language and no dead button.
 */
export function switchScript(): string {
  const titles = JSON.stringify({ en: reportText('title').en, zh: reportText('title')['zh-CN'] });
  return `(function () {
  var h = document.documentElement, b = document.getElementById('lang-switch'), t = ${titles};
  if (!b) return;
  b.hidden = false;
  b.addEventListener('click', function () {
    var zh = !h.classList.contains('lang-zh');
    h.classList.toggle('lang-zh', zh);
    h.classList.toggle('lang-en', !zh);
    h.lang = zh ? 'zh-CN' : 'en';
    document.title = zh ? t.zh : t.en;
  });
})();`;
}
