// Labels of the retail analytics sections of report.html in English and Simplified Chinese, kept
// beside report-text.ts's dictionary (same form, same checks in retail-text.test.ts) so the core
// report's dictionary stays reviewable on its own.
import type { Bilingual } from './report-text.ts';
import { bilingual, type PerLang } from './html-text.ts';

const RETAIL_TEXT = {
  'clusters': { en: 'Customer clusters', 'zh-CN': '客户聚类' },
  'clusters-intro': { en: 'k-means on log-scaled, standardised behaviour features; k = {0} chosen by the highest mean silhouette width, found on {1} customers and applied to all {2} by nearest centroid.', 'zh-CN': '对取对数并标准化的行为特征做 k 均值聚类；按平均轮廓系数最高选定 k = {0}，在 {1} 位客户上求得，再按最近中心分配给全部 {2} 位客户。' },
  'clusters-given': { en: 'k = {0} as configured; found on {1} customers and applied to all {2} by nearest centroid.', 'zh-CN': '按配置取 k = {0}；在 {1} 位客户上求得，再按最近中心分配给全部 {2} 位客户。' },
  'silhouette': { en: 'Mean silhouette width by k', 'zh-CN': '各 k 值的平均轮廓系数' },
  'caption.silhouette': { en: 'Higher is better separated clusters; the chosen k has the highest value.', 'zh-CN': '数值越高，簇之间分得越开；选定的 k 数值最高。' },
  'cluster': { en: 'Cluster', 'zh-CN': '簇' },
  'described-as': { en: 'Described as', 'zh-CN': '描述' },
  'dropped-feature': { en: 'Left out: {0} ({1}).', 'zh-CN': '未使用：{0}（{1}）。' },

  'lifecycle': { en: 'Lifecycle stages', 'zh-CN': '客户生命周期' },
  'lifecycle-intro': { en: 'A decision tree learned what customers did in the {0} days after {1} from what was known on that day; checked on the {0} days after {2}, it predicted the stage of {3} of customers right (always guessing "{4}": {5}). Its rules classify today\'s customers ({6}).', 'zh-CN': '决策树根据 {1} 当天已知的信息，学习客户在随后 {0} 天的行为；在 {2} 之后的 {0} 天检验，预测正确率为 {3}（始终猜“{4}”：{5}）。用其规则对今天（{6}）的客户分期。' },
  'stage': { en: 'Stage', 'zh-CN': '阶段' },
  'rule': { en: 'Rule', 'zh-CN': '规则' },
  'today-customers': { en: "Today's customers", 'zh-CN': '当前客户数' },
  'rules-plain': { en: 'The tree\'s rules in plain language', 'zh-CN': '决策树规则（通俗表述）' },
  'movement': { en: 'Stage movement from {0} (rows) to {1} (columns)', 'zh-CN': '从 {0}（行）到 {1}（列）的阶段变化' },
  'stage.exploration': { en: 'exploration', 'zh-CN': '考察期' },
  'stage.formation': { en: 'formation', 'zh-CN': '形成期' },
  'stage.stability': { en: 'stability', 'zh-CN': '稳定期' },
  'stage.decline': { en: 'decline', 'zh-CN': '退化期' },
  'stage.churned': { en: 'churned', 'zh-CN': '已流失' },
  'stage.new': { en: 'new', 'zh-CN': '新客户' },
  'stage.none': { en: 'not yet a customer', 'zh-CN': '尚未成为客户' },

  'survival': { en: 'Time to lapse (survival)', 'zh-CN': '流失时间（生存分析）' },
  'survival-intro': { en: 'A customer lapses after {0} days without a purchase. Kaplan-Meier share of customers not yet lapsed, by days since their first purchase, with a {1} confidence band. {2} of {3} customers have lapsed; {4} of them bought again later.', 'zh-CN': '客户连续 {0} 天未购买即视为流失。按首次购买后的天数计算尚未流失客户的 Kaplan-Meier 比例，附 {1} 置信带。{3} 位客户中 {2} 位已流失，其中 {4} 位之后又有购买。' },
  'days-since-first': { en: 'Days since first purchase', 'zh-CN': '首次购买后天数' },
  'not-lapsed': { en: 'Share not yet lapsed', 'zh-CN': '尚未流失比例' },
  'all-customers': { en: 'All customers', 'zh-CN': '全部客户' },
  'median-days': { en: 'Median days to lapse (95% CI)', 'zh-CN': '流失时间中位数（95% 置信区间）' },
  'lapsed': { en: 'Lapsed', 'zh-CN': '已流失' },
  'group-by': { en: 'Curves by {0}', 'zh-CN': '按 {0} 分组的曲线' },
  'caption.survival': { en: 'Thick line: all customers, with its confidence band shaded; thin lines: one per group.', 'zh-CN': '粗线：全部客户，阴影为置信带；细线：各分组。' },
  'not-reached': { en: 'not reached', 'zh-CN': '未达到' },

  'cohorts': { en: 'Monthly cohort retention', 'zh-CN': '月度同期群留存' },
  'cohorts-intro': { en: 'Customers by the month of their first purchase (rows) and the share of them buying again k months later (columns).', 'zh-CN': '按首次购买月份（行）分组的客户，以及 k 个月后再次购买的比例（列）。' },
  'cohorts-partial': { en: 'The last observed month of each cohort is a part month.', 'zh-CN': '每个同期群最后观察到的月份不完整。' },
  'cohort': { en: 'First month', 'zh-CN': '首购月份' },
  'month-k': { en: '+{0}', 'zh-CN': '+{0}' },

  'loyalty': { en: 'Loyalty', 'zh-CN': '忠诚度' },
  'repeat-rate': { en: 'Repeat purchase rate (customers with 2+ orders)', 'zh-CN': '重复购买率（2 单及以上的客户）' },
  'days-between': { en: 'Mean days between orders (repeat customers)', 'zh-CN': '平均购买间隔天数（重复购买客户）' },
  'discount-share': { en: 'Share of spend bought on discount (price sensitivity)', 'zh-CN': '折扣消费占比（价格敏感度）' },
  'after-complaint': { en: 'Bought again after a complaint (tolerance)', 'zh-CN': '投诉后再次购买（容忍度）' },
  'measure': { en: 'Measure', 'zh-CN': '指标' },
  'value': { en: 'Value', 'zh-CN': '数值' },
  'satisfaction': { en: 'Satisfaction and NPS', 'zh-CN': '满意度与 NPS' },
  'economics': { en: 'Customer economics', 'zh-CN': '客户经济价值' },
  'retention': { en: 'Retention rate per year', 'zh-CN': '年保留率' },
  'discount-rate': { en: 'Discount rate per year', 'zh-CN': '年折现率' },
  'total-margin': { en: 'Total margin', 'zh-CN': '总毛利' },
  'retention-value': { en: 'Mean retention value m·r/(1 + d − r)', 'zh-CN': '平均客户持续价值 m·r/(1 + d − r)' },

  'hot-products': { en: 'Hot products', 'zh-CN': '热门商品' },
  'hot-intro': { en: 'Over the {0} weeks to {1}: a product is hot when it meets every condition that the data can judge. {2} of {3} products are hot.', 'zh-CN': '截至 {1} 的 {0} 周内：商品满足数据可判断的全部条件即为热门。{3} 种商品中 {2} 种为热门。' },
  'product': { en: 'Product', 'zh-CN': '商品' },
  'weekly-units': { en: 'Units per week ≥ {0}', 'zh-CN': '周销量 ≥ {0}' },
  'first-time-share': { en: 'First-time buyers ≥ {0}', 'zh-CN': '首购客户占比 ≥ {0}' },
  'favorites': { en: 'Favourites ≥ {0}', 'zh-CN': '收藏数 ≥ {0}' },
  'views': { en: 'Views ≥ {0}', 'zh-CN': '浏览数 ≥ {0}' },
  'hot': { en: 'Hot', 'zh-CN': '热门' },
  'yes': { en: 'yes', 'zh-CN': '是' },
  'no': { en: 'no', 'zh-CN': '否' },
  'state.met': { en: 'met', 'zh-CN': '满足' },
  'state.not-met': { en: 'not met', 'zh-CN': '不满足' },
  'state.unknown': { en: 'unknown', 'zh-CN': '未知' },
  'unknown-condition': { en: '{0}: unknown, {1}.', 'zh-CN': '{0}：未知，{1}。' },

  'rules': { en: 'Association rules (cross-selling)', 'zh-CN': '关联规则（交叉销售）' },
  'rules-intro': { en: '{0} baskets ({1}) of {2} products; rules with support ≥ {3}, confidence ≥ {4} and {5}–{6} items: {7} found, {8} after removing redundant ones. The strongest by lift:', 'zh-CN': '{0} 个购物篮（{1}），共 {2} 种商品；支持度 ≥ {3}、置信度 ≥ {4}、{5}–{6} 项的规则：找到 {7} 条，去除冗余后 {8} 条。按提升度排前的规则：' },
  'basket.order': { en: 'one per order', 'zh-CN': '每个订单一个' },
  'basket.customer-day': { en: 'one per customer and day', 'zh-CN': '每位客户每天一个' },
  'if-bought': { en: 'Customers who buy', 'zh-CN': '购买了' },
  'also-buy': { en: 'also buy', 'zh-CN': '也会购买' },
  'support': { en: 'Support', 'zh-CN': '支持度' },
  'confidence': { en: 'Confidence', 'zh-CN': '置信度' },
  'lift': { en: 'Lift', 'zh-CN': '提升度' },
  'count': { en: 'Baskets', 'zh-CN': '购物篮数' },
  'no-rules': { en: 'No rule reaches these thresholds; lower the support in the config (rules.support).', 'zh-CN': '没有规则达到这些阈值；可在配置中降低支持度（rules.support）。' },

  'replenishment': { en: 'Replenishment: who is due to buy again', 'zh-CN': '补货提醒：谁该再次购买' },
  'replenishment-intro': { en: '{0} customer × product pairs bought on at least {1} days have a typical interval (median gap; quartiles {2} / {3} / {4} days). {5} pairs of {6} customers are due in the {7} days after {8}; {9} pairs are past their date.', 'zh-CN': '{0} 个“客户 × 商品”组合至少在 {1} 天购买过，可得典型间隔（间隔中位数；四分位数 {2} / {3} / {4} 天）。{8} 之后 {7} 天内到期的有 {5} 个组合、{6} 位客户；{9} 个组合已过期。' },
  'interval-days': { en: 'Typical interval (days)', 'zh-CN': '典型间隔（天）' },
  'next-purchase': { en: 'Expected next purchase', 'zh-CN': '预计下次购买' },
  'purchase-days': { en: 'Purchase days', 'zh-CN': '购买天数' },
} as const satisfies Record<string, Bilingual>;

export type RetailTextKey = keyof typeof RETAIL_TEXT;

export function retailText(key: RetailTextKey): Bilingual {
  return RETAIL_TEXT[key];
}

export function allRetailTextKeys(): RetailTextKey[] {
  return Object.keys(RETAIL_TEXT) as RetailTextKey[];
}

/** A label as HTML in both languages, with {0}, {1}, … filled per language. */
export function rx(key: RetailTextKey, ...args: PerLang[]): string {
  return bilingual(RETAIL_TEXT[key], args);
}

/** A label as a template argument. */
export const rxArg = (key: RetailTextKey): PerLang => (lang) => RETAIL_TEXT[key][lang];
