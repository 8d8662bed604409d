// report.html of `cvm analyze`: one self-contained page (inline style, inline SVG, a few lines of
// script for the language switch; no URL of any kind) so it works offline, as a mail attachment and
// on paper. A pure function of the saved ReportData, so a page can be re-rendered from its JSON.
import { isUnavailable, type ExtraSection, type Lang, type ReportData, type Section } from './report-data.ts';
import { reportText, textIn, type TextKey } from './report-text.ts';
import { escapeHtml, pair, renderContext, tx, unavailableNote, type RenderContext } from './html-text.ts';
import { renderDataQuality, renderOverview } from './render-overview.ts';
import { renderModel } from './render-model.ts';
import { renderAtRisk, renderValue } from './render-value.ts';
import { retailPageSections } from './render-retail.ts';
import { REPORT_CSS, switchScript } from './report-style.ts';

export interface RenderOptions {
  /** The language shown first (default English); the page carries both. */
  lang?: Lang;
  /** Currency symbol for money, overriding the data's (default: the data's, else none). */
  currency?: string;
}

interface PageSection {
  id: string;
  title: string;
  body: string;
}

function core<T extends object>(id: string, key: TextKey, s: Section<T> | undefined, render: (v: T) => string): PageSection {
  let body: string;
  if (s === undefined) body = unavailableNote(reportText('not-computed'));
  else if (isUnavailable(s)) body = unavailableNote(s.unavailable);
  else body = render(s);
  return { id, title: tx(key), body };
}

/**
 * A later part's section. Its HTML is trusted to be ours, but a URL, `src=`, `url(`, a link other
 * than to an anchor, or an element that loads something would break the promise that the page works
 * offline, so such a body is replaced by a notice instead.
 */
const EXTERNAL = /\bhttps?:|\bsrc\s*=|\burl\s*\(|@import|\bhref\s*=\s*(?!["']?#)|<(?:script|link|iframe|object|embed)\b/i;

function extra(s: ExtraSection): PageSection {
  const title = pair(s.title.en, s.title['zh-CN']);
  let body: string;
  if (s.html !== undefined && EXTERNAL.test(s.html)) body = unavailableNote(reportText('external-refs'));
  else if (s.html !== undefined) body = s.html;
  else body = unavailableNote(s.unavailable ?? reportText('not-computed'));
  return { id: `x-${s.id.replace(/[^A-Za-z0-9_-]/g, '-')}`, title, body };
}

function subtitle(data: ReportData): string {
  const o = data.overview;
  const file = o !== undefined && !isUnavailable(o) ? `<code>${escapeHtml(o.inputFile)}</code> · ` : '';
  return `${file}${tx('generated')}: ${escapeHtml(readableTime(data.generatedAt))}`;
}

/** "2026-03-01T09:30:00Z" → "2026-03-01 09:30 UTC"; any other text is shown as given. */
function readableTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!m) return iso;
  return `${m[1]} ${m[2]}${m[3] === undefined ? '' : m[3] === 'Z' ? ' UTC' : ` ${m[3]}`}`;
}

/**
 * @example writeFileSync('out/report.html', renderReport(data, { lang: 'zh-CN', currency: '¥' }))
 */
export function renderReport(data: ReportData, options: RenderOptions = {}): string {
  const lang = options.lang ?? 'en';
  const ctx: RenderContext = renderContext(options.currency ?? data.currency ?? '');
  const sections: PageSection[] = [
    core('overview', 'overview', data.overview, (o) => renderOverview(o, ctx)),
    core('data-quality', 'data-quality', data.dataQuality, (d) => renderDataQuality(d, ctx)),
    core('model', 'model', data.model, (m) => renderModel(m, ctx)),
    core('value', 'value', data.value, (v) => renderValue(v, ctx)),
    core('at-risk', 'at-risk', data.atRisk, (a) => renderAtRisk(a, ctx)),
    ...(data.sections ?? []).map(extra),
    ...retailPageSections(data, ctx),
  ];
  const nav = sections.map((s) => `<a href="#${s.id}">${s.title}</a>`).join('\n');
  const body = sections.map((s) => `<section id="${s.id}">\n<h2>${s.title}</h2>\n${s.body}\n</section>`).join('\n');
  return `<!DOCTYPE html>
<html lang="${lang}" class="lang-${lang === 'zh-CN' ? 'zh' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cvm">
<title>${escapeHtml(textIn('title', lang))}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<div><h1>${tx('title')}</h1><p>${subtitle(data)}</p></div>
<button id="lang-switch" type="button" hidden>${tx('switch')}</button>
</header>
<nav aria-label="${escapeHtml(textIn('contents', lang))}">
${nav}
</nav>
<main>
${body}
</main>
<footer>${tx('footer')}</footer>
<script>${switchScript()}</script>
</body>
</html>
`;
}
