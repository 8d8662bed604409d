import { z } from '@hono/zod-openapi';

export const LocalTextSchema = z.union([z.string(), z.object({ en: z.string(), 'zh-CN': z.string() })]);
export const UnavailableSchema = z.object({ unavailable: LocalTextSchema }).openapi('Unavailable');
/** A report section as `cvm analyze` saved it (src/report/report-data.ts), or why it is missing. */
export const SectionSchema = z.record(z.string(), z.unknown()).openapi('Section');

const Figure = z.object({ value: z.number().nullable(), previous: z.number().nullable() });
export const OverviewSchema = z
  .object({
    customers: Figure, activeCustomers: Figure, revenue: Figure, repeatRate: Figure, predictedValue12m: Figure, atRiskCustomers: Figure, valueAtRisk: Figure,
    lastRun: z.object({ runId: z.number().int(), createdAt: z.string(), inputFile: z.string() }).nullable(),
  })
  .openapi('Overview');

export const ListPageSchema = z
  .object({ items: z.array(z.unknown()), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi('ListPage');
