// A hand-made ReportData for the report's tests and for looking at the page. The model numbers are
// the published CDNOW ones so the page reads like a real run: BG/NBD r, α, a, b and log-likelihood
// from Fader, Hardie & Lee (2005, "Counting your customers the easy way", section 5), their standard
// errors as docs/architecture.md §4 states them, Pareto/NBD's log-likelihood from the same paper, and
// Gamma-Gamma p, q, γ from Fader, Hardie & Lee (2005b, "RFM and CLV", CDNOW). The customers per
// calibration frequency (1411, 439, …, 64 with 7 or more) and their mean holdout purchases are CDNOW's,
// as BTYD's cdnowSummary (../shared/data/cdnow/cdnowSummary_cbs.csv, columns x and x.star) gives them.
// The model columns, the tracking curve and everything else (rows, values, customers at risk) are
// invented but consistent (totals are the sums of their parts).
import type { AtRiskCustomer, HoldoutBin, ReportData, ValueBin } from './report-data.ts';

const HOLDOUT_BINS: HoldoutBin[] = [
  [0, 1411, 0.237, 0.138], [1, 439, 0.697, 0.599], [2, 214, 1.393, 1.199], [3, 100, 1.560, 1.714],
  [4, 62, 2.532, 2.398], [5, 38, 2.947, 2.907], [6, 29, 3.862, 3.822], [7, 64, 6.359, 6.133],
].map(([frequency, customers, actual, expected]) => ({ frequency, orMore: frequency === 7, customers, actual, expected }));

const FREQUENCY = [
  [1411, 1442.6], [439, 408.5], [214, 200.4], [100, 112.2], [62, 67.4], [38, 42.2], [29, 27.3], [64, 56.4],
].map(([actual, expected], k) => ({ frequency: k, orMore: k === 7, actual, expected }));

const VALUE_BINS: ValueBin[] = [
  [0, 100, 2812, 98_420.5], [100, 200, 702, 101_790.25], [200, 300, 311, 76_195], [300, 400, 176, 61_248],
  [400, 500, 104, 46_592.75], [500, 1000, 171, 117_306], [1000, 5000, 62, 118_420.8],
].map(([from, to, customers, value]) => ({ from, to, customers, value }));

const AT_RISK: Omit<AtRiskCustomer, 'value_at_risk'>[] = [
  { customer_id: '14646', p_alive: 0.412, clv: 12_840.5, last_purchase: '2011-08-30', total_spend: 279_489.02, orders: 73 },
  { customer_id: '18102', p_alive: 0.538, clv: 9_911.25, last_purchase: '2011-09-12', total_spend: 256_438.49, orders: 60 },
  { customer_id: '17450', p_alive: 0.301, clv: 6_120, last_purchase: '2011-07-04', total_spend: 187_482.17, orders: 46 },
  { customer_id: '会员-0042', p_alive: 0.255, clv: 4_380.75, last_purchase: '2011-06-21', total_spend: 65_039.62, orders: 19 },
  { customer_id: '<b>&"x"', p_alive: 0.618, clv: 5_002, last_purchase: '2011-10-02', total_spend: 38_215.5, orders: 22 },
  { customer_id: '12415', p_alive: 0.701, clv: 7_250.4, last_purchase: '2011-11-15', total_spend: 124_914.53, orders: 21 },
];

/** Cumulative repeat purchases per week: a smooth invented curve; the model line runs 3 % high. */
function tracking() {
  return Array.from({ length: 78 }, (_, i) => {
    const week = i + 1;
    const actual = Math.round(4600 * (1 - Math.exp(-week / 40)) + 6 * week);
    return { time: week, actual, expected: Math.round(actual * 1.03 * 10) / 10 };
  });
}

export function reportFixture(): ReportData {
  const totalValue = VALUE_BINS.reduce((s, b) => s + b.value, 0);
  const customers = VALUE_BINS.reduce((s, b) => s + b.customers, 0);
  const atRisk = AT_RISK.map((c) => ({ ...c, value_at_risk: Math.round((1 - c.p_alive) * c.clv * 100) / 100 }))
    .sort((a, b) => b.value_at_risk - a.value_at_risk);
  return {
    generatedAt: '2026-03-01T09:30:00Z',
    currency: '£',
    overview: {
      inputFile: 'onlineretail.csv.gz',
      // As importSales counts them: the exact duplicates apart from the exclusions.
      rows: { read: 541_909, loaded: 525_962, excluded: 10_664, rejected: 15, duplicates: 5_268, anonymous: 135_080 },
      excludedByReason: [
        { reason: 'cancelled', count: 9_288 }, { reason: 'non-positive-quantity', count: 1_336 }, { reason: 'non-positive-price', count: 40 },
      ],
      rejectedByReason: [{ reason: 'unparseable-date', count: 12 }, { reason: 'odd-code', count: 3 }],
      customers,
      dateRange: { from: '2010-12-01', to: '2011-12-09' },
      unit: 'week',
    },
    dataQuality: {
      checks: [
        { id: 'missing-contact', labelKey: 'dq.missing-contact', count: 4_338, total: 4_338, examples: [], severity: 'info' },
        { id: 'duplicate-customers', labelKey: 'dq.duplicate-customers', count: 37, total: 4_338, examples: ['12346', '12347', '13001', '13002', '15311', '16446'], severity: 'warning' },
        { id: 'future-dates', labelKey: 'dq.future-dates', count: 0, total: 541_909, examples: [], severity: 'error' },
        { id: 'extreme-amounts', labelKey: 'dq.extreme-amounts', count: 2, total: 397_884, examples: ['581483', '541431'], severity: 'error' },
        { id: 'odd-postcodes', labelKey: 'dq.odd-postcodes', label: { 'en': 'Odd postcodes', 'zh-CN': '异常邮编' }, count: 5, total: 4_338, examples: ['X1'], severity: 'info' },
      ],
    },
    model: {
      chosen: 'bgnbd',
      reason: {
        'en': 'BG/NBD fits better (BIC lower by 25.2; both have 4 parameters, so this is the higher likelihood)',
        'zh-CN': 'BG/NBD 拟合更好（BIC 低 25.2；两个模型都有 4 个参数，即似然更高）',
      },
      params: [
        { name: 'r', value: 0.2426, se: 0.0126 }, { name: 'alpha', value: 4.414, se: 0.378 },
        { name: 'a', value: 0.7929, se: 0.186 }, { name: 'b', value: 2.426, se: 0.705 },
      ],
      logLik: -9582.4,
      aic: 19_172.8,
      bic: 19_195.86,
      customers: 2_357,
      candidates: [{ model: 'bgnbd', logLik: -9582.4, bic: 19_195.86 }, { model: 'pnbd', logLik: -9595.0, bic: 19_221.06 }],
      spend: { model: 'gg', params: [{ name: 'p', value: 6.25, se: null }, { name: 'q', value: 3.74, se: 0.42 }, { name: 'v', value: 15.44, se: 3.1 }], logLik: -4_051.7, customers: 946 },
      holdout: {
        calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', bins: HOLDOUT_BINS,
        totalActual: Math.round(HOLDOUT_BINS.reduce((s, b) => s + b.customers * b.actual, 0)),
        totalExpected: HOLDOUT_BINS.reduce((s, b) => s + b.customers * b.expected, 0),
        mae: 0.9512, rmse: 1.6237, pAliveAuc: 0.463, expectedPurchasesAuc: 0.805,
      },
      frequencyHistogram: FREQUENCY,
      tracking: { unit: 'week', points: tracking(), calibrationEnd: 39 },
    },
    value: {
      horizonMonths: 12,
      bins: VALUE_BINS,
      concentration: [{ topPercent: 1, valueShare: 0.182 }, { topPercent: 5, valueShare: 0.4125 }, { topPercent: 20, valueShare: 0.736 }],
      totals: { customers, value: totalValue, mean: totalValue / customers, median: 61.2 },
    },
    atRisk: { totalValueAtRisk: 183_204.37, customers: atRisk },
    sections: [
      {
        id: 'rfm', title: { 'en': 'RFM segments', 'zh-CN': 'RFM 细分' },
        html: '<p><span class="t-en">Champions: 412 customers</span><span class="t-zh" lang="zh-CN">冠军客户：412 位</span></p>',
      },
      { id: 'hot-products', title: { 'en': 'Hot products', 'zh-CN': '热门商品' }, unavailable: { 'en': 'no product events (views, favourites) in the data', 'zh-CN': '数据中没有商品行为（浏览、收藏）' } },
    ],
  };
}
