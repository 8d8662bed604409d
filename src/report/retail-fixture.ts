// Hand-made retail sections for the report's tests (and for anyone rendering the sections without a
// run): small, with round numbers whose rendering is easy to check by eye.
import type { RetailSections } from '../pipeline/analyze-retail.ts';

export function retailFixture(): Required<RetailSections> {
  return {
    clusters: {
      features: [{ id: 'recency_days', label: { en: 'days since last purchase', zh: '距上次购买天数' } }, { id: 'frequency', label: { en: 'orders', zh: '订单数' } }],
      dropped: [], sample: { rows: 1000, of: 4000 }, k: 2, chosenBy: 'silhouette',
      silhouette: [{ k: 2, mean: 0.61 }, { k: 3, mean: 0.42 }, { k: 4, mean: 0.38 }],
      clusters: [
        { id: 0, label: { en: 'lapsed, infrequent', zh: '久未购买、低频' }, customers: 3000, share: 0.75, means: { recency_days: 200, frequency: 1.5 }, centroid: { recency_days: 0.5, frequency: -0.4 } },
        { id: 1, label: { en: 'recent, frequent', zh: '近期活跃、高频' }, customers: 1000, share: 0.25, means: { recency_days: 12, frequency: 9 }, centroid: { recency_days: -1.5, frequency: 1.2 } },
      ],
    },
    lifecycle: {
      windowDays: 90, growth: 0.2, trainCutoff: '2026-01-01', testCutoff: '2026-04-01', asOf: '2026-06-30', trainCustomers: 3000,
      accuracy: 0.8, baselineAccuracy: 0.6, baselineStage: 'churned', testCustomers: 3500,
      rules: [
        { id: 1, stage: 'churned', en: 'if purchases in the last 90 days ≤ 0 then churned (90 % of 2,000)', zh: '如果 近90天购买次数 ≤ 0，则为 已流失（2,000 位中 90%）', trainingCustomers: 2000, share: 0.9, customers: 2500 },
        { id: 2, stage: 'stability', en: 'if purchases in the last 90 days > 0 then stability (70 % of 1,000)', zh: '如果 近90天购买次数 > 0，则为 稳定期（1,000 位中 70%）', trainingCustomers: 1000, share: 0.7, customers: 1500 },
      ],
      stages: [{ stage: 'exploration', customers: 0 }, { stage: 'formation', customers: 0 }, { stage: 'stability', customers: 1500 }, { stage: 'decline', customers: 0 }, { stage: 'churned', customers: 2500 }],
      movement: { from: '2026-04-01', to: '2026-06-30', counts: [{ from: 'churned', to: 'churned', customers: 2000 }, { from: 'stability', to: 'churned', customers: 500 }, { from: 'none', to: 'new', customers: 400 }] },
    },
    survival: {
      lapseDays: 90, end: '2026-06-30', by: 'pyramid_tier', customers: 4000, lapsed: 2500, returnedAfterLapse: 300, confInt: 0.95,
      overall: { group: 'all', customers: 4000, lapsed: 2500, median: 120, medianLower: 110, medianUpper: 135, points: [
        { time: 0, surv: 1, lower: 1, upper: 1, atRisk: 4000 }, { time: 90, surv: 0.6, lower: 0.58, upper: 0.62, atRisk: 4000 }, { time: 200, surv: 0.3, lower: 0.28, upper: 0.32, atRisk: 900 },
      ] },
      groups: [{ group: 'key', customers: 40, lapsed: 4, median: null, medianLower: null, medianUpper: null, points: [{ time: 0, surv: 1, lower: 1, upper: 1, atRisk: 40 }, { time: 200, surv: 0.9, lower: 0.8, upper: 1, atRisk: 30 }] }],
    },
    cohorts: { end: '2026-06-30', months: 2, partialLastMonth: false, cohorts: [{ cohort: '2026-04', customers: 200, share: [1, 0.25, 0.1] }, { cohort: '2026-06', customers: 50, share: [1, null, null] }] },
    loyalty: {
      customers: 4000, repeatRate: 0.625, meanDaysBetweenOrders: 42.5, discountShare: { share: 0.125 },
      boughtAfterComplaint: { unavailable: { en: 'needs complaints', 'zh-CN': '需要投诉记录' } },
    },
    satisfaction: { unavailable: { en: 'needs survey answers', 'zh-CN': '需要调查问卷答案' } },
    economics: { discountRate: 0.1, retention: 0.8, customers: 4000, totalMargin: 120000, meanRetentionValue: 80 },
    hotProducts: {
      weeks: 4, from: '2026-06-02', to: '2026-06-30', thresholds: { weeklyUnits: 50, firstTimeBuyerShare: 0.4, favorites: 500, views: 3000 }, products: 120, hot: 1,
      unknown: [{ condition: 'views', reason: { en: 'needs product events', 'zh-CN': '需要商品行为数据' } }],
      top: [{ productId: 'P<1>', name: 'Rice & beans', weeklyUnits: 80, firstTimeBuyerShare: 0.5, favorites: 600, views: null, conditions: { weeklyUnits: 'met', firstTimeBuyerShare: 'met', favorites: 'met', views: 'unknown' }, hot: true }],
    },
    rules: {
      basketBy: 'order', baskets: 8, items: 5, support: 0.25, confidence: 0.6, minlen: 2, maxlen: 3, found: 8, kept: 5,
      top: [{ lhs: [{ id: 'jam', name: null }], rhs: { id: 'butter', name: 'Butter 250 g' }, support: 0.375, confidence: 1, coverage: 0.375, lift: 4 / 3, count: 3 }],
    },
    replenishment: {
      minPurchases: 3, dueDays: 14, asOf: '2026-06-30', pairs: 300, customers: 120, duePairs: 40, dueCustomers: 30, overduePairs: 60,
      interval: { p25: 14, median: 30, p75: 61 },
      due: [{ customer_id: 'M001', product_id: 'rice', product_name: 'Rice 5 kg', purchases: 6, median_interval_days: 30, last_purchase: '2026-06-05', next_purchase: '2026-07-05' }],
    },
  };
}
