// Every label of report.html in English and Simplified Chinese, in one place so a translation can be
// reviewed as a whole. Keys are stable identifiers (data files refer to 'dq.*' and 'reason.*' keys);
// a data-quality check or import reason without an entry here is shown by its own label or code.
import type { Lang } from './report-data.ts';

export interface Bilingual {
  en: string;
  'zh-CN': string;
}

const TEXT = {
  'title': { en: 'Customer value report', 'zh-CN': '客户价值报告' },
  'generated': { en: 'Generated', 'zh-CN': '生成时间' },
  'switch': { en: '中文', 'zh-CN': 'English' },
  'contents': { en: 'Contents', 'zh-CN': '目录' },
  'not-available': { en: 'Not available', 'zh-CN': '无法提供' },
  'not-computed': { en: 'this part was not computed in this run', 'zh-CN': '本次运行未计算此部分' },
  'external-refs': { en: 'the section refers to external resources, which a self-contained report cannot show', 'zh-CN': '该部分引用了外部资源，独立报告无法显示' },
  'footer': { en: 'Made by cvm. This page needs no network connection.', 'zh-CN': '由 cvm 生成。本页面无需网络连接。' },

  'overview': { en: 'Overview', 'zh-CN': '概览' },
  'input-file': { en: 'Input file', 'zh-CN': '输入文件' },
  'date-range': { en: 'Date range', 'zh-CN': '日期范围' },
  'customers': { en: 'Customers', 'zh-CN': '客户数' },
  'time-unit': { en: 'Time unit', 'zh-CN': '时间单位' },
  'rows-read': { en: 'Rows read', 'zh-CN': '读取行数' },
  'rows-loaded': { en: 'Rows loaded', 'zh-CN': '导入行数' },
  'rows-excluded': { en: 'Rows excluded from the customer analysis', 'zh-CN': '排除于客户分析之外的行数' },
  'rows-rejected': { en: 'Rows rejected', 'zh-CN': '拒绝行数' },
  'rows-duplicates': { en: 'Exact duplicates dropped', 'zh-CN': '删除的完全重复行' },
  'rows-anonymous': { en: 'Loaded without a customer id', 'zh-CN': '无会员编号的导入行' },
  'rows-fixed': { en: 'Rows repaired', 'zh-CN': '修复行数' },
  'rows-already-loaded': { en: 'Rows already loaded by an earlier import', 'zh-CN': '此前已导入的行' },
  'colon': { en: ': ', 'zh-CN': '：' },
  'reconciled': { en: 'every row is accounted for', 'zh-CN': '每一行都有去向' },
  'not-reconciled': { en: 'some rows are unaccounted for', 'zh-CN': '部分行去向不明' },
  'term.read': { en: 'read', 'zh-CN': '读取' },
  'term.loaded': { en: 'loaded', 'zh-CN': '导入' },
  'term.duplicates': { en: 'duplicates', 'zh-CN': '重复' },
  'term.already-loaded': { en: 'already loaded', 'zh-CN': '此前已导入' },
  'rows-by-reason': { en: 'Rows set aside, by reason', 'zh-CN': '按原因统计的未用行' },
  'outcome': { en: 'Outcome', 'zh-CN': '处理结果' },
  'excluded': { en: 'excluded', 'zh-CN': '排除' },
  'rejected': { en: 'rejected', 'zh-CN': '拒绝' },
  'dropped': { en: 'dropped', 'zh-CN': '删除' },
  'skipped': { en: 'skipped', 'zh-CN': '跳过' },
  'reason.already-loaded': { en: 'already loaded by an earlier import', 'zh-CN': '此前的导入已载入' },
  'reason': { en: 'Reason', 'zh-CN': '原因' },
  'rows': { en: 'Rows', 'zh-CN': '行数' },
  'share-of-read': { en: 'Share of rows read', 'zh-CN': '占读取行比例' },
  'none-set-aside': { en: 'No rows were excluded, dropped or rejected.', 'zh-CN': '没有行被排除、删除或拒绝。' },
  'unit.day': { en: 'day', 'zh-CN': '天' },
  'unit.week': { en: 'week', 'zh-CN': '周' },
  'unit.month': { en: 'month', 'zh-CN': '月' },
  'unit.year': { en: 'year', 'zh-CN': '年' },

  'reason.cancelled': { en: 'cancelled order', 'zh-CN': '已取消订单' },
  'reason.return': { en: 'return', 'zh-CN': '退货' },
  'reason.non-positive-quantity': { en: 'quantity zero or negative', 'zh-CN': '数量为零或负数' },
  'reason.non-positive-price': { en: 'price zero or negative', 'zh-CN': '单价为零或负数' },
  'reason.non-positive-amount': { en: 'amount zero or negative', 'zh-CN': '金额为零或负数' },
  'reason.duplicate': { en: 'exact duplicate row', 'zh-CN': '完全重复行' },
  'reason.unparseable-date': { en: 'date not understood', 'zh-CN': '无法识别的日期' },
  'reason.bad-number': { en: 'number not understood', 'zh-CN': '无法识别的数字' },
  'reason.malformed-line': { en: 'malformed line (quoting or column count)', 'zh-CN': '格式错误的行（引号或列数）' },

  'data-quality': { en: 'Data quality', 'zh-CN': '数据质量' },
  'check': { en: 'Check', 'zh-CN': '检查项' },
  'severity': { en: 'Severity', 'zh-CN': '严重程度' },
  'count': { en: 'Found', 'zh-CN': '发现数' },
  'out-of': { en: 'Out of', 'zh-CN': '总数' },
  'share': { en: 'Share', 'zh-CN': '比例' },
  'examples': { en: 'Examples', 'zh-CN': '示例' },
  'severity.info': { en: 'info', 'zh-CN': '提示' },
  'severity.warning': { en: 'warning', 'zh-CN': '警告' },
  'severity.error': { en: 'error', 'zh-CN': '错误' },
  'no-checks': { en: 'No checks were run.', 'zh-CN': '未运行任何检查。' },
  'dq.duplicate-customers': { en: 'Possible duplicate customers (same phone, email or name and birthday)', 'zh-CN': '疑似重复客户（电话、邮箱或姓名加生日相同）' },
  'dq.missing-contact': { en: 'Missing contact fields', 'zh-CN': '缺少联系方式' },
  'dq.malformed-contact': { en: 'Malformed phone or email', 'zh-CN': '电话或邮箱格式错误' },
  'dq.stale-records': { en: 'Stale records (no update or purchase for a long time)', 'zh-CN': '陈旧记录（长期无更新或购买）' },
  'dq.future-dates': { en: 'Dates in the future', 'zh-CN': '未来日期' },
  'dq.impossible-dates': { en: 'Impossible dates', 'zh-CN': '不可能的日期' },
  'dq.extreme-amounts': { en: 'Extreme amounts', 'zh-CN': '极端金额' },

  'model': { en: 'Model fit', 'zh-CN': '模型拟合' },
  'chosen-model': { en: 'Chosen model', 'zh-CN': '选用模型' },
  'why': { en: 'Why', 'zh-CN': '原因' },
  'parameter': { en: 'Parameter', 'zh-CN': '参数' },
  'estimate': { en: 'Estimate', 'zh-CN': '估计值' },
  'std-error': { en: 'Standard error', 'zh-CN': '标准误' },
  'fit-quality': { en: 'Fit', 'zh-CN': '拟合优度' },
  'log-lik': { en: 'Log-likelihood', 'zh-CN': '对数似然' },
  'candidates': { en: 'Models compared', 'zh-CN': '比较的模型' },
  'model-name': { en: 'Model', 'zh-CN': '模型' },
  'chosen': { en: 'chosen', 'zh-CN': '选用' },
  'spend-model': { en: 'Spend model', 'zh-CN': '消费金额模型' },
  'spend-customers': { en: 'Customers with repeat purchases', 'zh-CN': '有重复购买的客户' },
  'holdout': { en: 'Holdout check', 'zh-CN': '留出期检验' },
  'holdout-period': { en: 'Fitted on purchases up to {0}; checked against purchases up to {1}.', 'zh-CN': '以 {0} 及之前的购买拟合；用截至 {1} 的购买检验。' },
  'holdout-total-actual': { en: 'Holdout purchases, actual', 'zh-CN': '留出期实际购买次数' },
  'holdout-total-expected': { en: 'Holdout purchases, expected', 'zh-CN': '留出期预测购买次数' },
  'difference': { en: 'Difference', 'zh-CN': '差异' },
  'mae': { en: 'Mean absolute error per customer', 'zh-CN': '每客户平均绝对误差' },
  'rmse': { en: 'Root mean squared error per customer', 'zh-CN': '每客户均方根误差' },
  'auc-expected': { en: 'AUC of expected purchases for "bought again"', 'zh-CN': '预测购买次数识别“再次购买”的 AUC' },
  'auc-palive': { en: 'AUC of P(alive) for "bought again"', 'zh-CN': '活跃概率识别“再次购买”的 AUC' },
  'palive-low': { en: 'P(alive) ranks who bought again in the holdout worse than chance here (AUC {0}).', 'zh-CN': '在留出期中，活跃概率对“再次购买”的排序还不如随机（AUC {0}）。' },
  'palive-low-bgnbd': { en: 'BG/NBD lets a customer drop out only after a repeat purchase, so everyone without one has P(alive) = 1 and one-time buyers, who often do not return, rank first.', 'zh-CN': 'BG/NBD 只允许客户在重复购买之后流失，因此没有重复购买的客户活跃概率都是 1，而常常不再回来的一次性购买客户反而排在最前。' },
  'palive-low-use': { en: 'To choose whom to contact, rank by expected purchases (AUC {0}).', 'zh-CN': '挑选联系对象时，请按预测购买次数排序（AUC {0}）。' },
  'calibration-frequency': { en: 'Repeat purchases in calibration', 'zh-CN': '拟合期重复购买次数' },
  'mean-holdout-purchases': { en: 'Mean holdout purchases', 'zh-CN': '留出期平均购买次数' },
  'actual': { en: 'Actual', 'zh-CN': '实际' },
  'expected': { en: 'Model', 'zh-CN': '模型' },
  'frequency-histogram': { en: 'Repeat purchases: customers, actual and model', 'zh-CN': '重复购买次数：客户数，实际与模型' },
  'repeat-purchases': { en: 'Repeat purchases', 'zh-CN': '重复购买次数' },
  'tracking': { en: 'Cumulative repeat purchases over time', 'zh-CN': '累计重复购买随时间变化' },
  'time-since-start': { en: 'Time since the first day ({0}s)', 'zh-CN': '自首日起的时间（{0}）' },
  'cumulative-purchases': { en: 'Cumulative repeat purchases', 'zh-CN': '累计重复购买次数' },
  'calibration-end': { en: 'end of calibration', 'zh-CN': '拟合期结束' },

  'caption.holdout': { en: 'Mean purchases per customer in the holdout period, by repeat purchases in the calibration period: bars of similar height mean the model forecast that group well.', 'zh-CN': '按拟合期重复购买次数分组的留出期人均购买次数：两根柱高度相近，说明模型对该组预测准确。' },
  'caption.frequency': { en: 'How many customers made 0, 1, 2, … repeat purchases in the calibration period, and how many the model expects.', 'zh-CN': '拟合期内重复购买 0、1、2……次的客户数，以及模型期望的客户数。' },
  'caption.tracking': { en: 'Cumulative repeat purchases of all customers, actual and as the model expects.', 'zh-CN': '全部客户的累计重复购买次数：实际值与模型预期。' },
  'caption.tracking-holdout': { en: 'Cumulative repeat purchases of all customers, actual and as the model expects; right of the dotted line are purchases the model did not see.', 'zh-CN': '全部客户的累计重复购买次数：实际值与模型预期；虚线右侧的购买未参与模型拟合。' },
  'caption.value': { en: 'Customers by range of predicted value; the ranges are those of the table below and may differ in width.', 'zh-CN': '按预测价值区间统计的客户数；区间与下表相同，宽度可能不同。' },
  'caption.concentration': { en: 'Share of all predicted value held by the most valuable customers.', 'zh-CN': '价值最高的客户所拥有的预测价值占比。' },

  'value': { en: 'Customer value', 'zh-CN': '客户价值' },
  'value-intro': { en: 'Predicted value of each customer over the next {0} months (discounted).', 'zh-CN': '每位客户未来 {0} 个月的预测价值（已折现）。' },
  'total-value': { en: 'Total predicted value', 'zh-CN': '预测总价值' },
  'mean-value': { en: 'Mean per customer', 'zh-CN': '每客户平均' },
  'median-value': { en: 'Median per customer', 'zh-CN': '每客户中位数' },
  'value-distribution': { en: 'Distribution of predicted value', 'zh-CN': '预测价值分布' },
  'predicted-value': { en: 'Predicted value', 'zh-CN': '预测价值' },
  'value-range': { en: 'Predicted value range', 'zh-CN': '预测价值区间' },
  'share-customers': { en: 'Share of customers', 'zh-CN': '客户占比' },
  'share-value': { en: 'Share of value', 'zh-CN': '价值占比' },
  'concentration': { en: 'How concentrated the value is', 'zh-CN': '价值集中度' },
  'top-customers': { en: 'Top customers', 'zh-CN': '头部客户' },
  'top-percent': { en: 'Top {0}', 'zh-CN': '前 {0}' },
  'concentration-sentence': { en: 'The top {0} of customers hold {1} of the predicted value.', 'zh-CN': '前 {0} 的客户拥有 {1} 的预测价值。' },

  'at-risk': { en: 'Customers most at risk', 'zh-CN': '流失风险最高的客户' },
  'at-risk-intro': { en: 'Value at risk = (1 − P(alive)) × predicted value: what is lost if the customer has already left. Total over all customers: {0}.', 'zh-CN': '风险价值 = (1 − 活跃概率) × 预测价值：若客户已流失将损失的价值。全部客户合计：{0}。' },
  'rank': { en: '#', 'zh-CN': '序号' },
  'customer-id': { en: 'Customer', 'zh-CN': '客户编号' },
  'p-alive': { en: 'P(alive)', 'zh-CN': '活跃概率' },
  'value-at-risk': { en: 'Value at risk', 'zh-CN': '风险价值' },
  'last-purchase': { en: 'Last purchase', 'zh-CN': '最近购买' },
  'total-spend': { en: 'Total spend', 'zh-CN': '累计消费' },
  'orders': { en: 'Orders', 'zh-CN': '订单数' },
  'no-customers': { en: 'No customers to list.', 'zh-CN': '没有可列出的客户。' },
} as const satisfies Record<string, Bilingual>;

export type TextKey = keyof typeof TEXT;

export function hasText(key: string): key is TextKey {
  return Object.hasOwn(TEXT, key);
}

/** The label in both languages, with {0}, {1}, … replaced by the (already language-specific) arguments. */
export function reportText(key: TextKey): Bilingual {
  return TEXT[key];
}

export function fillText(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d)\}/g, (m, i: string) => args[Number(i)] ?? m);
}

export function textIn(key: TextKey, lang: Lang): string {
  return TEXT[key][lang];
}

export function allTextKeys(): TextKey[] {
  return Object.keys(TEXT) as TextKey[];
}

/** The dictionary key of a time unit ('week' → 'unit.week'), or undefined for a unit it does not know. */
export function unitTextKey(unit: string): TextKey | undefined {
  const key = `unit.${unit}`;
  return hasText(key) ? key : undefined;
}
