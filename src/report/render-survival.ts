// Time to lapse (Kaplan-Meier with its band, overall and by group), the monthly cohort retention
// matrix (cells shaded by share so the decay reads at a glance), loyalty measures and satisfaction.
import type { CohortsSection, EconomicsSection, LoyaltySection, SatisfactionSection, SurvivalCurveInfo, SurvivalSection } from './report-data.ts';
import { escapeHtml, local, num, numArg, pair, type RenderContext } from './html-text.ts';
import { htmlTable } from './html-table.ts';
import { retailText, rx } from './retail-text.ts';
import { figure } from './svg-charts.ts';
import { stepChart } from './svg-step-chart.ts';
import { QUADRANT_LABELS, type Quadrant } from '../analytics/loyalty/satisfaction-loyalty.ts';
import { TIER_LABELS } from '../analytics/pyramid/value-pyramid.ts';
import { STAGE_NAMES } from '../analytics/lifecycle/lifecycle-stages.ts';
import type { Bilingual } from './report-text.ts';
import { isUnavailable } from './report-data.ts';

/** A group's name in both languages when it is a pyramid tier or a lifecycle stage, else as it is. */
function groupName(by: string, g: string): Bilingual {
  const known: Record<string, { en: string; zh: string }> = by === 'pyramid_tier' ? TIER_LABELS : by === 'lifecycle_stage' ? STAGE_NAMES : {};
  const k = Object.hasOwn(known, g) ? known[g] : undefined;
  return k ? { en: k.en, 'zh-CN': k.zh } : { en: g, 'zh-CN': g };
}

export function renderSurvival(s: SurvivalSection, ctx: RenderContext): string {
  const count = (n: number) => numArg(ctx, (f) => f.count(n));
  const parts = [`<p>${rx('survival-intro', () => String(s.lapseDays), numArg(ctx, (f) => f.percent(s.confInt, 0)), count(s.lapsed), count(s.customers), count(s.returnedAfterLapse))}</p>`];
  const curves = [s.overall, ...s.groups];
  parts.push(figure(stepChart({
    title: retailText('survival'),
    curves: curves.map((c, i) => ({
      name: i === 0 ? retailText('all-customers') : groupName(s.by, c.group),
      x: c.points.map((p) => p.time), y: c.points.map((p) => p.surv),
      ...(i === 0 ? { lower: c.points.map((p) => p.lower), upper: c.points.map((p) => p.upper) } : {}),
    })),
    axis: { x: retailText('days-since-first'), y: retailText('not-lapsed') },
    xFormat: (n, lang) => ctx.fmt[lang].count(n), yFormat: (n, lang) => ctx.fmt[lang].percent(n, 0),
  }), retailText('caption.survival')));
  const median = (c: SurvivalCurveInfo) => c.median === null ? rx('not-reached')
    : `${num(ctx, (f) => f.count(c.median ?? 0))} (${c.medianLower === null ? '—' : num(ctx, (f) => f.count(c.medianLower ?? 0))} – ${c.medianUpper === null ? '—' : num(ctx, (f) => f.count(c.medianUpper ?? 0))})`;
  parts.push(`<h3>${rx('group-by', () => s.by)}</h3>`, htmlTable([
    { header: pair('Group', '分组') }, { header: pair('Customers', '客户数'), numeric: true }, { header: rx('lapsed'), numeric: true }, { header: rx('median-days'), numeric: true },
  ], curves.map((c, i) => [i === 0 ? rx('all-customers') : pair(groupName(s.by, c.group).en, groupName(s.by, c.group)['zh-CN']), num(ctx, (f) => f.count(c.customers)), num(ctx, (f) => f.count(c.lapsed)), median(c)]), 'survival-groups'));
  return parts.join('\n');
}

export function renderCohorts(c: CohortsSection, ctx: RenderContext): string {
  const parts = [`<p>${rx('cohorts-intro')}${c.partialLastMonth ? ` ${rx('cohorts-partial')}` : ''}</p>`];
  const ks = Array.from({ length: c.months + 1 }, (_, k) => k);
  // Shade by share: white at 0, the report's blue at 60 % or more (later months rarely pass it).
  const shade = (v: number) => `rgba(31,95,139,${Math.min(1, v / 0.6).toFixed(2)})`;
  parts.push(htmlTable(
    [{ header: rx('cohort') }, { header: pair('Customers', '客户数'), numeric: true }, ...ks.map((k) => ({ header: rx('month-k', () => String(k)), numeric: true }))],
    c.cohorts.map((r) => [escapeHtml(r.cohort), num(ctx, (f) => f.count(r.customers)), ...ks.map((k) => {
      const v = r.share[k];
      if (v === null || v === undefined) return '';
      const text = num(ctx, (f) => f.percent(v, 0));
      return k === 0 ? text : `<span style="display:block;background:${shade(v)};color:${v > 0.35 ? '#fff' : 'inherit'}">${text}</span>`;
    })]), 'cohorts'));
  return parts.join('\n');
}

export function renderLoyalty(l: LoyaltySection, ctx: RenderContext): string {
  const pct = (v: number) => num(ctx, (f) => f.percent(v, 1));
  const section = (s: LoyaltySection['discountShare']) => (isUnavailable(s) ? local(s.unavailable) : pct(s.share));
  return htmlTable([{ header: rx('measure') }, { header: rx('value'), numeric: true }], [
    [pair('Customers', '客户数'), num(ctx, (f) => f.count(l.customers))],
    [rx('repeat-rate'), pct(l.repeatRate)],
    [rx('days-between'), l.meanDaysBetweenOrders === null ? '—' : num(ctx, (f) => f.fixed(l.meanDaysBetweenOrders ?? 0, 1))],
    [rx('discount-share'), section(l.discountShare)],
    [rx('after-complaint'), section(l.boughtAfterComplaint)],
  ], 'loyalty');
}

export function renderSatisfaction(s: SatisfactionSection, ctx: RenderContext): string {
  return htmlTable([{ header: rx('measure') }, { header: rx('value'), numeric: true }], [
    ['NPS', num(ctx, (f) => f.fixed(s.nps, 1))],
    [pair('Survey answers', '问卷答复数'), num(ctx, (f) => f.count(s.responses))],
    ...s.quadrants.map((q): [string, string] => {
      const l = QUADRANT_LABELS[q.quadrant as Quadrant] as { en: string; zh: string } | undefined;
      return [l ? pair(l.en, l.zh) : escapeHtml(q.quadrant), num(ctx, (f) => f.count(q.customers))];
    }),
  ], 'satisfaction');
}

export function renderEconomics(e: EconomicsSection, ctx: RenderContext): string {
  return htmlTable([{ header: rx('measure') }, { header: rx('value'), numeric: true }], [
    [pair('Customers', '客户数'), num(ctx, (f) => f.count(e.customers))],
    [rx('retention'), num(ctx, (f) => f.percent(e.retention, 1))],
    [rx('discount-rate'), num(ctx, (f) => f.percent(e.discountRate, 1))],
    [rx('total-margin'), num(ctx, (f) => f.money(e.totalMargin))],
    [rx('retention-value'), num(ctx, (f) => f.money(e.meanRetentionValue))],
    // The pyramid's margin shares: how much of the profit each tier brings (issue 5 item 8).
    ...(e.tiers ?? []).map((t): [string, string] => {
      const l = TIER_LABELS[t.tier as keyof typeof TIER_LABELS] ?? { en: t.tier, zh: t.tier };
      return [pair(`Margin share: ${l.en} (${t.customers})`, `毛利占比：${l.zh}（${t.customers}）`), num(ctx, (f) => f.percent(t.share, 1))];
    }),
  ], 'economics');
}
