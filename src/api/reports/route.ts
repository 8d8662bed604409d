// The analysis results: the overview, aggregates of the customers table, and the sections of the latest
// `cvm analyze` run's report data, passed through as saved (a section the run could not produce comes as
// 200 `{ unavailable }`, as in report.html). Staff see the overview and the replenishment due list;
// the model and segment analyses are for analysts and admins.
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { isUnavailable } from '../../report/report-data.ts';
import type { ReportData } from '../../report/report-data.ts';
import { findSection, latestRuns } from '../analytics/report-runs.ts';
import { ErrorSchema } from '../api-error.ts';
import type { ApiDeps, ApiEnv } from '../api-context.ts';
import { ALL_ROLES, allow, ANALYSTS } from '../auth/authenticate.ts';
import type { UserRole } from '../../store/database.ts';
import { pyramid, rfmGrid, segments } from './customer-aggregates.ts';
import { overview } from './overview.ts';
import { ListPageSchema, OverviewSchema, SectionSchema } from './schemas.ts';
import { PageQuery } from '../customers/schemas.ts';

const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = { 401: json(ErrorSchema, 'not signed in'), 403: json(ErrorSchema, 'role may not') };
const NOT_PRODUCED = (name: string) => ({
  unavailable: { en: `the latest analysis run did not produce "${name}"`, 'zh-CN': `最近一次分析没有生成「${name}」` },
});
const NO_RUN = { unavailable: { en: 'no analysis yet: import a sales file', 'zh-CN': '尚无分析结果：请先导入销售数据' } };

const sectionRoute = (path: string, summary: string, roles: UserRole[]) => createRoute({
  method: 'get', path, tags: ['analysis'], summary, middleware: [allow(...roles)],
  responses: { 200: json(SectionSchema, 'the section, or { unavailable }'), ...errors },
});

/** Report sections passed through from the saved run: path → names the section may have in ReportData. */
const PASS_THROUGH: [string, string, string[]][] = [
  ['/api/clusters', 'Customer clusters (k-means) described in words', ['clusters']],
  ['/api/lifecycle', 'Lifecycle stages, their rules and the movement matrix', ['lifecycle']],
  ['/api/survival', 'Time to lapse (Kaplan-Meier)', ['survival']],
  ['/api/cohorts', 'Monthly cohort retention', ['cohorts']],
  ['/api/products/hot', 'Hot products with the conditions met', ['hotProducts', 'hot-products']],
  ['/api/rules', 'Association rules', ['rules', 'basket']],
  ['/api/loyalty', 'Loyalty: repeat rate, days between orders, discount share, buying again after a complaint', ['loyalty']],
  ['/api/satisfaction', 'NPS and the satisfaction × loyalty quadrants, from the survey answers', ['satisfaction']],
  ['/api/economics', 'Margins per customer and the retention value they imply', ['economics']],
  ['/api/quality', 'Data-quality checks', ['dataQuality', 'quality']],
];

const asObject = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v });

async function latestReport(deps: ApiDeps): Promise<ReportData | undefined> {
  return (await latestRuns(deps.analytics))[0]?.report;
}

export function reportRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(createRoute({
    method: 'get', path: '/api/overview', tags: ['analysis'], summary: 'Headline figures with their values at the previous run', middleware: [allow(...ALL_ROLES)],
    responses: { 200: json(OverviewSchema, 'figures'), ...errors },
  }), async (c) => c.json(await overview(deps), 200));

  for (const [path, summary, compute] of [
    ['/api/segments', 'RFM segments: size, revenue share, predicted value', segments],
    ['/api/rfm-grid', 'Recency score × frequency score cells', rfmGrid],
    ['/api/pyramid', 'Value pyramid tiers and revenue shares', pyramid],
  ] as const) {
    app.openapi(sectionRoute(path, summary, ANALYSTS), async (c) => c.json(asObject(await compute(deps.analytics)), 200));
  }

  for (const [path, summary, names] of PASS_THROUGH) {
    app.openapi(sectionRoute(path, summary, ANALYSTS), async (c) => {
      const report = await latestReport(deps);
      if (!report) return c.json(NO_RUN, 200);
      const section = findSection(report, ...names);
      return c.json(section === undefined ? NOT_PRODUCED(names[0] ?? path) : asObject(section), 200);
    });
  }

  app.openapi(sectionRoute('/api/models', 'Model fits: parameters, standard errors, log-likelihood, the choice and why', ANALYSTS), async (c) => {
    const report = await latestReport(deps);
    if (!report) return c.json(NO_RUN, 200);
    const model = report.model;
    if (!model || isUnavailable(model)) return c.json(model ?? NOT_PRODUCED('model'), 200);
    const { holdout: _h, frequencyHistogram: _f, tracking: _t, ...fits } = model;
    return c.json(asObject(fits), 200);
  });

  app.openapi(sectionRoute('/api/diagnostics', 'Model checks: frequency histogram, holdout bins and metrics, tracking', ANALYSTS), async (c) => {
    const report = await latestReport(deps);
    if (!report) return c.json(NO_RUN, 200);
    const model = report.model;
    if (!model || isUnavailable(model)) return c.json(model ?? NOT_PRODUCED('model'), 200);
    return c.json({
      frequencyHistogram: model.frequencyHistogram ?? NOT_PRODUCED('frequencyHistogram'),
      holdout: model.holdout ?? NOT_PRODUCED('holdout'),
      tracking: model.tracking ?? NOT_PRODUCED('tracking'),
    }, 200);
  });

  // The due list is per customer and can be long: paged here from the saved section's list.
  app.openapi(createRoute({
    method: 'get', path: '/api/replenishment', tags: ['analysis'], summary: 'Replenishment due list (paged)', middleware: [allow(...ALL_ROLES)],
    request: { query: z.object({ page: PageQuery.page, pageSize: PageQuery.pageSize }) },
    responses: { 200: json(z.union([ListPageSchema, SectionSchema]), 'one page of the due list, or { unavailable }'), 400: json(ErrorSchema, 'bad query'), ...errors },
  }), async (c) => {
    const { page, pageSize } = c.req.valid('query');
    const report = await latestReport(deps);
    if (!report) return c.json(NO_RUN, 200);
    const section = findSection(report, 'replenishment');
    if (section === undefined) return c.json(NOT_PRODUCED('replenishment'), 200);
    const record = asObject(section);
    if ('unavailable' in record) return c.json(record, 200);
    const list = Object.values(record).find((v): v is unknown[] => Array.isArray(v)) ?? [];
    return c.json({ items: list.slice((page - 1) * pageSize, page * pageSize), total: list.length, page, pageSize }, 200);
  });
}
