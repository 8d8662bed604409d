// Clusters in words. A centroid is read in standardised log units, where the whole base averages 0
// on every feature and 1 is one standard deviation: a feature at or beyond ±threshold earns a word,
// in the order the features are listed, in English and Chinese. A cluster with no such feature is
// "about average". Recency is "days since the last purchase", so a LOW value reads "recent".
// Default threshold 0.25 sd: a large cluster's centroid sits near the overall mean by construction
// (CDNOW's 75 % majority cluster lies 0.47 sd from it on recency and frequency), so the 0.5 sd of a
// "medium" effect would call most of a skewed base "average"; 0.25 is still above the 0.2 sd Cohen
// (1988, "Statistical Power Analysis for the Behavioral Sciences", ch. 2) calls a small difference.

export interface Words { readonly en: string; readonly zh: string }

export interface FeatureVocabulary {
  /** What the feature is, for tables. */
  readonly label: Words;
  /** Word for a centroid above +threshold, and below −threshold. */
  readonly high: Words;
  readonly low: Words;
}

/** The features a customer table or a transactions file yields, with their words. */
export const FEATURE_WORDS: Readonly<Record<string, FeatureVocabulary>> = {
  recency_days: {
    label: { en: 'days since last purchase', zh: '距上次购买天数' },
    high: { en: 'lapsed', zh: '久未购买' }, low: { en: 'recent', zh: '近期活跃' },
  },
  frequency: {
    label: { en: 'orders', zh: '订单数' },
    high: { en: 'frequent', zh: '高频' }, low: { en: 'infrequent', zh: '低频' },
  },
  monetary: {
    label: { en: 'spend per order', zh: '客单价' },
    high: { en: 'high spend', zh: '高消费' }, low: { en: 'low spend', zh: '低消费' },
  },
  basket_size: {
    label: { en: 'items per order', zh: '每单件数' },
    high: { en: 'large baskets', zh: '大购物篮' }, low: { en: 'small baskets', zh: '小购物篮' },
  },
  discount_share: {
    label: { en: 'share of lines bought on discount', zh: '折扣购买占比' },
    high: { en: 'discount-driven', zh: '偏好折扣' }, low: { en: 'rarely on discount', zh: '少用折扣' },
  },
  categories: {
    label: { en: 'distinct categories', zh: '购买品类数' },
    high: { en: 'broad range', zh: '品类广' }, low: { en: 'narrow range', zh: '品类窄' },
  },
};

/** Words for a feature we have no vocabulary for: its own name. */
export function vocabularyFor(feature: string): FeatureVocabulary {
  return FEATURE_WORDS[feature] ?? {
    label: { en: feature, zh: feature },
    high: { en: `high ${feature}`, zh: `${feature}高` },
    low: { en: `low ${feature}`, zh: `${feature}低` },
  };
}

/**
 * A cluster described from its standardised centroid.
 * @example describeCentroid(['recency_days', 'frequency', 'monetary'], [-0.9, 1.2, 0.8])
 *   // { en: 'recent, frequent, high spend', zh: '近期活跃、高频、高消费' }
 */
export function describeCentroid(features: readonly string[], centroid: ArrayLike<number>, threshold = 0.25): Words {
  const en: string[] = [];
  const zh: string[] = [];
  features.forEach((f, j) => {
    const z = centroid[j];
    if (Math.abs(z) < threshold) return;
    const w = z > 0 ? vocabularyFor(f).high : vocabularyFor(f).low;
    en.push(w.en);
    zh.push(w.zh);
  });
  if (en.length === 0) return { en: 'about average', zh: '各项接近平均' };
  return { en: en.join(', '), zh: zh.join('、') };
}
