import { z } from '@hono/zod-openapi';

export const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const RowSchema = z.record(z.string(), CellSchema).openapi('Row');

export const PageQuery = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).openapi({ param: { name: 'page', in: 'query' }, example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(500).default(50).openapi({ param: { name: 'pageSize', in: 'query' }, example: 50 }),
  sort: z.string().max(64).optional().openapi({ param: { name: 'sort', in: 'query' }, description: 'a numeric column of the customers table (or customer_id, first_purchase, last_purchase)', example: 'clv_12m' }),
  order: z.enum(['asc', 'desc']).optional().openapi({ param: { name: 'order', in: 'query' } }),
  format: z.enum(['json', 'csv']).optional().openapi({ param: { name: 'format', in: 'query' }, description: 'csv: the whole filtered list as a file' }),
};

const filter = (name: string, description: string) => z.string().max(100).optional().openapi({ param: { name, in: 'query' }, description });

export const CustomerQuery = z.object({
  ...PageQuery,
  q: filter('q', 'part of the customer id'),
  segment: filter('segment', 'RFM segment, e.g. champions'),
  tier: filter('tier', 'value pyramid tier'),
  cluster: filter('cluster', 'cluster id'),
  stage: filter('stage', 'lifecycle stage'),
  churnWarning: z.enum(['true', 'false']).optional().openapi({ param: { name: 'churnWarning', in: 'query' } }),
});

export const CustomerPageSchema = z
  .object({ items: z.array(RowSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi('CustomerPage');

export const TimelineEntry = z.object({
  kind: z.string(), date: z.string(), amount: z.number().nullable(), orderId: z.string().nullable(), channel: z.string().nullable(), subject: z.string().nullable(),
});

export const Customer360Schema = z
  .object({
    id: z.string(),
    profile: RowSchema.nullable(),
    scores: RowSchema,
    timeline: z.array(TimelineEntry),
    pAlivePath: z.array(z.object({ date: z.string(), pAlive: z.number() })),
    /** 90 % intervals from the fit's parameter uncertainty, computed for this customer on request; null without a saved covariance. */
    intervals: z.object({
      coverage: z.number(), draws: z.number(), expectedPurchases: z.tuple([z.number(), z.number()]), clv: z.tuple([z.number(), z.number()]).nullable(),
    }).nullable(),
    /** Segment, tier, stage and value at each analysis run of the data folder, oldest first. */
    history: z.array(z.object({
      runId: z.number(), createdAt: z.string(), rfmSegment: z.string().nullable(), pyramidTier: z.string().nullable(),
      lifecycleStage: z.string().nullable(), clusterLabel: z.string().nullable(), clusterLabelZh: z.string().nullable(), valueScore: z.number().nullable(),
      pAlive: z.number().nullable(), clv: z.number().nullable(), churnWarning: z.boolean().nullable(),
    })),
  })
  .openapi('Customer360');
