// The page rendered from the hand-made fixture (report-fixture.ts): self-contained, both languages,
// the numbers of its tables read back equal to the fixture's within the rounding shown, missing parts
// explained, markup well-formed. Expected headings and strings are written out here, not taken from
// the dictionary, so a dropped or mistranslated label fails.
import { describe, expect, it } from 'vitest';
import { markupProblems } from './markup-check.ts';
import { renderReport } from './render-report.ts';
import type { ReportData } from './report-data.ts';
import { reportFixture } from './report-fixture.ts';

const fixture = reportFixture();
const page = renderReport(fixture);

function section(html: string, id: string): string {
  const m = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html);
  if (!m) throw new Error(`no section ${id}`);
  return m[1];
}

/** The cells of a table's body rows as the English reader sees them (Chinese spans dropped, tags stripped). */
function tableRows(html: string, cls: string): string[][] {
  const m = new RegExp(`<table class="${cls}">([\\s\\S]*?)</table>`).exec(html);
  if (!m) throw new Error(`no table ${cls}`);
  const body = m[1].split('<tbody>')[1];
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]
    .replace(/<span class="t-zh"[^>]*>[\s\S]*?<\/span>/g, '').replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')));
}

/** "£12,840.50" → 12840.5, "41.2%" → 0.412. */
function parse(cell: string): number {
  const pct = cell.endsWith('%');
  const v = Number(cell.replace(/[£,%]/g, ''));
  if (!Number.isFinite(v)) throw new Error(`not a number: ${cell}`);
  return pct ? v / 100 : v;
}

describe('renderReport on the fixture', () => {
  it('is one self-contained page: no URL, no external source, links only to its own sections', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).not.toMatch(/https?:/i);
    expect(page).not.toMatch(/\bsrc\s*=/i);
    expect(page).not.toMatch(/url\(|@import|<link\b|<img\b|<iframe\b/i);
    for (const m of page.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#[\w-]+$/);
    expect(page).toContain('<svg class="chart"');
  });

  it('has every section heading in English and Chinese', () => {
    const headings: [string, string][] = [
      ['Overview', '概览'], ['Data quality', '数据质量'], ['Model fit', '模型拟合'], ['Customer value', '客户价值'],
      ['Customers most at risk', '流失风险最高的客户'], ['RFM segments', 'RFM 细分'], ['Hot products', '热门商品'],
    ];
    for (const [en, zh] of headings) expect(page).toContain(`<h2><span class="t-en">${en}</span><span class="t-zh" lang="zh-CN">${zh}</span></h2>`);
    for (const [en, zh] of [['Holdout check', '留出期检验'], ['Spend model', '消费金额模型'], ['Models compared', '比较的模型']]) {
      expect(page).toContain(`<h3><span class="t-en">${en}</span><span class="t-zh" lang="zh-CN">${zh}</span></h3>`);
    }
  });

  it('shows the default language first and switches with a class on <html>', () => {
    expect(page).toContain('<html lang="en" class="lang-en">');
    expect(page).toContain('<title>Customer value report</title>');
    expect(page).toMatch(/html\.lang-en \.t-zh, html\.lang-zh \.t-en \{ display: none; \}/);
    // Hidden until the script runs, so a mail client without scripts shows no dead button.
    expect(page).toContain('<button id="lang-switch" type="button" hidden>');
    const zh = renderReport(fixture, { lang: 'zh-CN' });
    expect(zh).toContain('<html lang="zh-CN" class="lang-zh">');
    expect(zh).toContain('<title>客户价值报告</title>');
  });

  it('is well-formed: every element closed in order, no NaN or Infinity in an attribute', () => {
    expect(markupProblems(page)).toEqual([]);
    expect(page.match(/<svg\b/g)).toHaveLength(5);
    expect(page.match(/<\/svg>/g)).toHaveLength(5);
  });

  it('prints the at-risk table with the fixture\'s numbers, escaping the ids', () => {
    const rows = tableRows(page, 'at-risk');
    const want = fixture.atRisk !== undefined && 'customers' in fixture.atRisk ? fixture.atRisk.customers : [];
    expect(rows).toHaveLength(want.length);
    rows.forEach((r, i) => {
      const c = want[i];
      expect(r[0]).toBe(String(i + 1));
      expect(r[1]).toBe(c.customer_id);
      // Shown with 1 decimal of a percentage and 2 decimals of money: equal within half the last digit.
      expect(Math.abs(parse(r[2]) - c.p_alive)).toBeLessThanOrEqual(0.0005 + 1e-12);
      for (const [cell, v] of [[r[3], c.clv], [r[4], c.value_at_risk], [r[6], c.total_spend]] as const) {
        expect(Math.abs(parse(cell) - v)).toBeLessThanOrEqual(0.005 + 1e-9);
      }
      expect(r[5]).toBe(c.last_purchase);
      expect(parse(r[7])).toBe(c.orders);
    });
    expect(page).toContain('<code>&lt;b&gt;&amp;&quot;x&quot;</code>');
    expect(page).not.toContain('<b>&');
    expect(page).toContain('£183,204.37');
  });

  it('prints the model tables with the fixture\'s numbers', () => {
    const m = fixture.model !== undefined && 'params' in fixture.model ? fixture.model : null;
    if (!m) throw new Error('fixture has no model');
    const params = tableRows(page, 'params');
    expect(params.map((r) => r[0])).toEqual(['r', 'α', 'a', 'b']);
    // Shown to 4 and 3 significant digits, which these published values have.
    expect(params.map((r) => [parse(r[1]), parse(r[2])])).toEqual([[0.2426, 0.0126], [4.414, 0.378], [0.7929, 0.186], [2.426, 0.705]]);
    const spend = tableRows(page, 'spend-params');
    expect(spend.map((r) => r[0])).toEqual(['p', 'q', 'v']);
    expect(spend.map((r) => r[1])).toEqual(['6.25', '3.74', '15.44']);
    expect(spend[0][2]).toBe('—');
    const holdout = m.holdout !== undefined && 'bins' in m.holdout ? m.holdout : null;
    if (!holdout) throw new Error('fixture has no holdout');
    tableRows(page, 'holdout-bins').forEach((r, i) => {
      const b = holdout.bins[i];
      expect(r[0]).toBe(`${b.frequency}${b.orMore ? '+' : ''}`);
      expect(parse(r[1])).toBe(b.customers);
      expect(Math.abs(parse(r[2]) - b.actual)).toBeLessThanOrEqual(0.0005);
      expect(Math.abs(parse(r[3]) - b.expected)).toBeLessThanOrEqual(0.0005);
    });
    expect(tableRows(page, 'frequency-bins').map((r) => [parse(r[1]), parse(r[2])])).toEqual(m.frequencyHistogram?.map((b) => [b.actual, b.expected]));
    expect(tableRows(page, 'candidates').map((r) => [r[0], r[1], r[2]])).toEqual([['BG/NBD', '-9,582.4', '19,195.9'], ['Pareto/NBD', '-9,595.0', '19,221.1']]);
  });

  it('prints the overview, data-quality and value tables with the fixture\'s numbers', () => {
    expect(tableRows(page, 'reasons').map((r) => [r[1], parse(r[2])])).toEqual([
      ['cancelled order', 9288], ['quantity zero or negative', 1336], ['price zero or negative', 40],
      ['exact duplicate row', 5268], ['date not understood', 12], ['odd-code', 3],
    ]);
    expect(section(page, 'overview')).toContain('<td class="n">541,909</td>');
    expect(section(page, 'overview')).toContain('every row is accounted for');
    const quality = tableRows(page, 'quality');
    // Errors first, then warnings, then the rest by count.
    expect(quality.map((r) => [r[0], parse(r[2]), parse(r[3])])).toEqual([
      ['Extreme amounts', 2, 397884], ['Dates in the future', 0, 541909],
      ['Possible duplicate customers (same phone, email or name and birthday)', 37, 4338],
      ['Missing contact fields', 4338, 4338], ['Odd postcodes', 5, 4338],
    ]);
    expect(quality[2][5]).toBe('12346, 12347, 13001, 13002, 15311, …');
    const v = fixture.value !== undefined && 'bins' in fixture.value ? fixture.value : null;
    if (!v) throw new Error('fixture has no value');
    tableRows(page, 'value-bins').forEach((r, i) => {
      expect(parse(r[1])).toBe(v.bins[i].customers);
      expect(Math.abs(parse(r[3]) - v.bins[i].value)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(parse(r[4]) - v.bins[i].value / v.totals.value)).toBeLessThanOrEqual(0.0005);
    });
    expect(tableRows(page, 'concentration')).toEqual([['Top 1%', '18.2%'], ['Top 5%', '41.3%'], ['Top 20%', '73.6%']]);
    expect(section(page, 'value')).toContain('The top 20% of customers hold 73.6% of the predicted value.');
    expect(section(page, 'value')).toContain('前 20% 的客户拥有 73.6% 的预测价值。');
  });

  it('shows an added section, or the reason it is missing', () => {
    expect(section(page, 'x-rfm')).toContain('<span class="t-en">Champions: 412 customers</span>');
    expect(section(page, 'x-hot-products')).toContain('<span class="t-en">no product events (views, favourites) in the data</span>');
    expect(section(page, 'x-hot-products')).toContain('数据中没有商品行为（浏览、收藏）');
  });

  it('renders the same page from the data saved as JSON', () => {
    expect(renderReport(JSON.parse(JSON.stringify(fixture)) as ReportData)).toBe(page);
  });

  it('uses the currency of the options over the data\'s, and none by default', () => {
    expect(renderReport(fixture, { currency: '¥' })).toContain('¥12,840.50');
    expect(renderReport({ ...fixture, currency: undefined })).toMatch(/<td class="n">12,840\.50<\/td>/);
  });
});

describe('renderReport with parts missing', () => {
  it('says "not available" with the reason, in both languages', () => {
    const html = renderReport({
      generatedAt: '2026-03-01T09:30:00Z',
      value: { unavailable: { 'en': 'the data have no amounts', 'zh-CN': '数据中没有金额' } },
      model: { ...(fixture.model as object), holdout: { unavailable: 'no holdout period was given' }, spend: undefined } as ReportData['model'],
    });
    expect(section(html, 'overview')).toContain('Not available');
    expect(section(html, 'overview')).toContain('this part was not computed in this run');
    expect(section(html, 'overview')).toContain('本次运行未计算此部分');
    expect(section(html, 'value')).toContain('<span class="t-en">the data have no amounts</span><span class="t-zh" lang="zh-CN">数据中没有金额</span>');
    expect(section(html, 'model')).toContain('no holdout period was given');
    expect(section(html, 'model')).toContain('<span class="t-zh" lang="zh-CN">无法提供</span>');
    expect(section(html, 'model')).toMatch(/Spend model.*<\/h3>\n<p class="unavailable">/);
    expect(markupProblems(html)).toEqual([]);
  });

  it('explains a P(alive) that ranks repeat buyers worse than chance, and points to expected purchases', () => {
    const m = fixture.model;
    if (m === undefined || 'unavailable' in m || m.holdout === undefined || 'unavailable' in m.holdout) throw new Error('fixture has no holdout');
    const text = (html: string) => (/<p class="note">([\s\S]*?)<\/p>/.exec(section(html, 'model'))?.[1] ?? '')
      .replace(/<span class="t-zh"[^>]*>[\s\S]*?<\/span>/g, '').replace(/<[^>]+>/g, '');
    // The fixture's BG/NBD holdout: P(alive) AUC 0.463, expected purchases 0.805.
    expect(text(page)).toBe('P(alive) ranks who bought again in the holdout worse than chance here (AUC 0.463). BG/NBD lets a customer drop out only after a repeat purchase, so everyone without one has P(alive) = 1 and one-time buyers, who often do not return, rank first. To choose whom to contact, rank by expected purchases (AUC 0.805).');
    expect(section(page, 'model')).toContain('请按预测购买次数排序');
    const pnbd = renderReport({ ...fixture, model: { ...m, chosen: 'pnbd' } });
    expect(text(pnbd)).not.toContain('BG/NBD lets');
    const fine = renderReport({ ...fixture, model: { ...m, holdout: { ...m.holdout, pAliveAuc: 0.71 } } });
    expect(section(fine, 'model')).not.toContain('class="note"');
  });

  it('reconciles the import as importSales counts it: duplicates and rows loaded before apart from the exclusions', () => {
    const o = fixture.overview;
    if (o === undefined || 'unavailable' in o) throw new Error('fixture has no overview');
    // The English line as a reader sees it (the Chinese spans dropped, tags stripped).
    const line = (html: string) => (/<p class="(?:ok|alert)">([\s\S]*?)<\/p>/.exec(section(html, 'overview'))?.[1] ?? '')
      .replace(/<span class="t-zh"[^>]*>[\s\S]*?<\/span>/g, '').replace(/<[^>]+>/g, '');
    // The online-retail counts of `cvm analyze`: 5,268 exact duplicates, which the report once left out of the sum.
    expect(line(page)).toBe('✓ read 541,909 = loaded 525,962 + excluded 10,664 + duplicates 5,268 + rejected 15: every row is accounted for');
    expect(section(page, 'overview')).toContain('读取');
    expect(tableRows(section(page, 'overview'), 'reasons')).toContainEqual(['dropped', 'exact duplicate row', '5,268', '1.0%']);
    const again = renderReport({ ...fixture, overview: { ...o, rows: { ...o.rows, read: o.rows.read + 40, alreadyLoaded: 40 } } });
    expect(line(again)).toBe('✓ read 541,949 = loaded 525,962 + excluded 10,664 + duplicates 5,268 + already loaded 40 + rejected 15: every row is accounted for');
    expect(tableRows(section(again, 'overview'), 'reasons')).toContainEqual(['skipped', 'already loaded by an earlier import', '40', '<0.1%']);
    const off = renderReport({ ...fixture, overview: { ...o, rows: { ...o.rows, read: o.rows.read + 1 } } });
    expect(line(off)).toBe('⚠ read 541,910 ≠ loaded 525,962 + excluded 10,664 + duplicates 5,268 + rejected 15: some rows are unaccounted for (1)');
  });

  it('replaces an added section that refers to anything outside the page', () => {
    const html = renderReport({ ...fixture, sections: [
      { id: 'bad', title: { 'en': 'Bad', 'zh-CN': '坏' }, html: '<img src="https://example.com/x.png">' },
      { id: 'ok', title: { 'en': 'Fine', 'zh-CN': '好' }, html: '<p><a href="#overview">back</a></p>' },
    ] });
    expect(html).not.toMatch(/https?:|src=/);
    expect(section(html, 'x-bad')).toContain('refers to external resources');
    expect(section(html, 'x-ok')).toContain('<a href="#overview">back</a>');
  });
});
