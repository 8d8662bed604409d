// Customers with their scores (paged, filtered, sorted, CSV), the churn early-warning list, and the
// customer 360 page. Staff may use all of these (issue 6: "staff: customers and lists").
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { z as zod } from 'zod';
import { ErrorSchema } from '../api-error.ts';
import type { ApiDeps, ApiEnv } from '../api-context.ts';
import { ALL_ROLES, allow } from '../auth/authenticate.ts';
import { csvResponse, csvStream } from '../csv.ts';
import { customer360 } from './customer-360.ts';
import { allCustomers, CHURN_SORT, checkSort, customerPageJson } from './customer-query.ts';
import type { CustomerFilters } from './customer-query.ts';
import { Customer360Schema, CustomerPageSchema, CustomerQuery } from './schemas.ts';

const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const csv = { content: { 'text/csv': { schema: z.string() } }, description: 'the whole filtered list as CSV (UTF-8 with BOM)' };
const errors = { 400: json(ErrorSchema, 'bad query'), 401: json(ErrorSchema, 'not signed in'), 403: json(ErrorSchema, 'role may not') };

const list = (path: string, summary: string) => createRoute({
  method: 'get', path, tags: ['customers'], summary, middleware: [allow(...ALL_ROLES)],
  request: { query: CustomerQuery },
  responses: { 200: { content: { 'application/json': { schema: CustomerPageSchema }, 'text/csv': { schema: z.string() } }, description: 'one page (or CSV with format=csv)' }, ...errors },
});
const exportCsv = (path: string, summary: string) => createRoute({
  method: 'get', path, tags: ['customers'], summary, middleware: [allow(...ALL_ROLES)],
  request: { query: CustomerQuery }, responses: { 200: csv, ...errors },
});
const one = createRoute({
  method: 'get', path: '/api/customers/{id}', tags: ['customers'], summary: 'Customer 360: profile, scores, timeline, P(alive) over time', middleware: [allow(...ALL_ROLES)],
  request: { params: z.object({ id: z.string().min(1).max(200).openapi({ param: { name: 'id', in: 'path' }, example: 'M000007' }) }) },
  responses: { 200: json(Customer360Schema, 'the customer'), 404: json(ErrorSchema, 'no such customer'), ...errors },
});

type Query = zod.infer<typeof CustomerQuery>;
const filters = (q: Query, churnOnly: boolean): CustomerFilters => ({
  q: q.q, segment: q.segment, tier: q.tier, cluster: q.cluster, stage: q.stage,
  churnWarning: churnOnly ? true : q.churnWarning === undefined ? undefined : q.churnWarning === 'true',
});

export function customerRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  for (const [path, name, churnOnly, summary] of [
    ['/api/customers', 'customers', false, 'Customers with their scores (filter, sort by any numeric column)'],
    ['/api/churn', 'churn', true, 'Churn early-warning list, by value at risk'],
  ] as const) {
    const defaultSort = churnOnly ? CHURN_SORT : undefined;
    app.openapi(list(path, summary), async (c) => {
      const q = c.req.valid('query');
      if (q.format === 'csv') {
        await checkSort(deps.analytics, q, defaultSort);
        return csvResponse(`${name}.csv`, csvStream(allCustomers(deps.analytics, filters(q, churnOnly), q, defaultSort)));
      }
      // c.json's body, already serialised (customerPageJson says why).
      return c.body(await customerPageJson(deps.analytics, filters(q, churnOnly), q, defaultSort), 200, { 'Content-Type': 'application/json' });
    });
    app.openapi(exportCsv(`${path}.csv`, `${summary}, as CSV`), async (c) => {
      const q = c.req.valid('query');
      await checkSort(deps.analytics, q, defaultSort);
      return csvResponse(`${name}.csv`, csvStream(allCustomers(deps.analytics, filters(q, churnOnly), q, defaultSort)));
    });
  }
  app.openapi(one, async (c) => c.json(await customer360(deps, c.req.valid('param').id), 200));
}
