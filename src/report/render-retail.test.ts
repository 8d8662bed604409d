// The retail sections of report.html from the hand-made fixture: headings in both languages, the
// fixture's numbers in the tables, reasons for missing inputs, well-formed self-contained markup.
import { describe, expect, it } from 'vitest';
import { markupProblems } from './markup-check.ts';
import { renderReport } from './render-report.ts';
import { allRetailTextKeys, retailText } from './retail-text.ts';
import { retailFixture } from './retail-fixture.ts';

const page = renderReport({ generatedAt: '2026-07-01T08:00:00Z', ...retailFixture() });
const section = (id: string): string => {
  const m = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(page);
  if (!m) throw new Error(`no section ${id}`);
  return m[1];
};
/** Text as the English reader sees it. */
const english = (html: string) => html.replace(/<span class="t-zh"[^>]*>[\s\S]*?<\/span>/g, '').replace(/<text class="t-zh[^"]*"[^>]*>[\s\S]*?<\/text>/g, '')
  .replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/\s+/g, ' ').replace(/ :/g, ':');

describe('retail sections of report.html', () => {
  it('are well-formed, self-contained and titled in both languages', () => {
    expect(markupProblems(page)).toEqual([]);
    expect(page).not.toMatch(/https?:|\bsrc\s*=|url\(/i);
    const titles: [string, string, string][] = [
      ['clusters', 'Customer clusters', '客户聚类'], ['lifecycle', 'Lifecycle stages', '客户生命周期'], ['survival', 'Time to lapse (survival)', '流失时间（生存分析）'],
      ['cohorts', 'Monthly cohort retention', '月度同期群留存'], ['loyalty', 'Loyalty', '忠诚度'], ['satisfaction', 'Satisfaction and NPS', '满意度与 NPS'],
      ['economics', 'Customer economics', '客户经济价值'], ['hot-products', 'Hot products', '热门商品'], ['rules', 'Association rules (cross-selling)', '关联规则（交叉销售）'],
      ['replenishment', 'Replenishment: who is due to buy again', '补货提醒：谁该再次购买'],
    ];
    for (const [id, en, zh] of titles) expect(section(id)).toContain(`<h2><span class="t-en">${en}</span><span class="t-zh" lang="zh-CN">${zh}</span></h2>`);
  });

  it('print the fixture\'s numbers', () => {
    expect(english(section('clusters'))).toContain('k = 2 chosen by the highest mean silhouette width, found on 1,000 customers and applied to all 4,000');
    expect(english(section('clusters'))).toMatch(/1 recent, frequent 1,000 25\.0% 12 9/);
    expect(english(section('lifecycle'))).toContain('predicted the stage of 80.0% of customers right (always guessing "churned": 60.0%)');
    expect(english(section('lifecycle'))).toMatch(/2 stability if purchases in the last 90 days > 0 then stability \(70 % of 1,000\) 1,500/);
    expect(english(section('survival'))).toContain('2,500 of 4,000 customers have lapsed; 300 of them bought again later');
    expect(english(section('survival'))).toMatch(/All customers 4,000 2,500 120 \(110 – 135\)/);
    expect(english(section('survival'))).toMatch(/Key 40 4 not reached/);
    expect(section('survival')).toContain('<span class="t-zh" lang="zh-CN">主顾客</span>');
    expect(english(section('cohorts'))).toMatch(/2026-04 200 100% 25% 10%/);
    expect(english(section('loyalty'))).toMatch(/62\.5%.*42\.5.*12\.5%.*needs complaints/);
    expect(english(section('satisfaction'))).toContain('Not available: needs survey answers');
    // m·r/(1 + d − r) with m = 30, r = 0.8, d = 0.1: 24 / 0.3 = 80 (the fixture's figure, printed as money).
    expect(english(section('economics'))).toMatch(/Retention rate per year 80\.0%.*Discount rate per year 10\.0%.*Total margin 120,000\.00.*m·r\/\(1 \+ d − r\) 80\.00/);
    expect(english(section('hot-products'))).toContain('1 of 120 products are hot');
    expect(english(section('hot-products'))).toContain('Views ≥ 3,000: unknown, needs product events.');
    expect(english(section('hot-products'))).toMatch(/P<1> Rice & beans 80\.0 met 50% met 600 met — unknown yes/);
    expect(english(section('rules'))).toMatch(/8 baskets \(one per order\) of 5 products; rules with support ≥ 25\.0%, confidence ≥ 60% and 2–3 items: 8 found, 5 after/);
    expect(english(section('rules'))).toMatch(/jam butter Butter 250 g 37\.50% 100\.0% 1\.33 3/);
    expect(english(section('replenishment'))).toContain('300 customer × product pairs bought on at least 3 days have a typical interval (median gap; quartiles 14 / 30 / 61 days). 40 pairs of 30 customers are due in the 14 days after 2026-06-30; 60 pairs are past their date.');
    expect(english(section('replenishment'))).toMatch(/M001 rice Rice 5 kg 6 30 2026-06-05 2026-07-05/);
    expect(section('survival')).toContain('<polygon class="band"');
  });

  it('leave them out of an older report that has none, and explain a missing one', () => {
    expect(renderReport({ generatedAt: '2026-07-01T08:00:00Z' })).not.toContain('<section id="clusters">');
    const partial = renderReport({ generatedAt: '2026-07-01T08:00:00Z', rules: { unavailable: 'the sales file has no product column' } });
    expect(english(partial)).toContain('Not available: the sales file has no product column');
    expect(english(partial)).toContain('Not available: this part was not computed in this run');
  });

  it('have a complete dictionary: both languages, Chinese in the Chinese one, the same placeholders', () => {
    const holes = (s: string) => [...s.matchAll(/\{\d\}/g)].map((m) => m[0]).sort();
    for (const key of allRetailTextKeys()) {
      const t = retailText(key);
      expect(t.en.trim(), key).not.toBe('');
      if (key !== 'month-k') expect(t['zh-CN'], key).toMatch(/[\u4e00-\u9fff]/);
      expect(holes(t['zh-CN']), key).toEqual(holes(t.en));
    }
  });
});
