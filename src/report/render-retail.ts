// The retail analytics sections of report.html (issue 5), in the order a CRM manager reads them:
// who the customers are (clusters, lifecycle), how long they stay (survival, cohorts), how loyal and
// satisfied they are, then products (hot products, rules, replenishment). A missing section shows
// its reason, like the core sections.
import { isUnavailable, type ReportData, type Section } from './report-data.ts';
import { reportText } from './report-text.ts';
import { unavailableNote, type RenderContext } from './html-text.ts';
import { rx, type RetailTextKey } from './retail-text.ts';
import { renderClusters, renderLifecycle } from './render-clusters.ts';
import { renderCohorts, renderEconomics, renderLoyalty, renderSatisfaction, renderSurvival } from './render-survival.ts';
import { renderHotProducts, renderReplenishment, renderRules } from './render-products.ts';

export interface RetailPageSection {
  id: string;
  title: string;
  body: string;
}

function one<T extends object>(id: string, key: RetailTextKey, s: Section<T> | undefined, render: (v: T) => string): RetailPageSection {
  let body: string;
  if (s === undefined) body = unavailableNote(reportText('not-computed'));
  else if (isUnavailable(s)) body = unavailableNote(s.unavailable);
  else body = render(s);
  return { id, title: rx(key), body };
}

/** Page sections for the retail parts present in the data; none when the run had none of them (an older report). */
export function retailPageSections(data: ReportData, ctx: RenderContext): RetailPageSection[] {
  const keys = ['clusters', 'lifecycle', 'survival', 'cohorts', 'loyalty', 'satisfaction', 'economics', 'hotProducts', 'rules', 'replenishment'] as const;
  if (!keys.some((k) => data[k] !== undefined)) return [];
  return [
    one('clusters', 'clusters', data.clusters, (c) => renderClusters(c, ctx)),
    one('lifecycle', 'lifecycle', data.lifecycle, (l) => renderLifecycle(l, ctx)),
    one('survival', 'survival', data.survival, (s) => renderSurvival(s, ctx)),
    one('cohorts', 'cohorts', data.cohorts, (c) => renderCohorts(c, ctx)),
    one('loyalty', 'loyalty', data.loyalty, (l) => renderLoyalty(l, ctx)),
    one('satisfaction', 'satisfaction', data.satisfaction, (s) => renderSatisfaction(s, ctx)),
    one('economics', 'economics', data.economics, (e) => renderEconomics(e, ctx)),
    one('hot-products', 'hot-products', data.hotProducts, (h) => renderHotProducts(h, ctx)),
    one('rules', 'rules', data.rules, (r) => renderRules(r, ctx)),
    one('replenishment', 'replenishment', data.replenishment, (r) => renderReplenishment(r, ctx)),
  ];
}
