// The lifecycle stages (客户生命周期, domain.md §6) and the features known at a cut-off, with their
// names in English and Chinese. The rules that assign a stage are in lifecycle-sql.ts.

export const STAGES = ['exploration', 'formation', 'stability', 'decline', 'churned'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_NAMES: Readonly<Record<Stage, { en: string; zh: string }>> = {
  exploration: { en: 'exploration', zh: '考察期' },
  formation: { en: 'formation', zh: '形成期' },
  stability: { en: 'stability', zh: '稳定期' },
  decline: { en: 'decline', zh: '退化期' },
  churned: { en: 'churned', zh: '已流失' },
};

/** Features computed at a cut-off c from purchases on or before c, in the order the tree sees them. */
export const LIFECYCLE_FEATURES = [
  'recency_days', 'frequency', 'monetary', 'tenure_days', 'spend_last', 'spend_prev', 'purchases_last', 'trend', 'avg_spend',
] as const;
export type LifecycleFeature = (typeof LIFECYCLE_FEATURES)[number];

/** How each feature reads in a rule, for a window of w days; `integer` features print whole bounds. */
export function featureLabel(f: LifecycleFeature, w: number): { en: string; zh: string; integer: boolean } {
  switch (f) {
    case 'recency_days': return { en: 'days since last purchase', zh: '距上次购买天数', integer: true };
    case 'frequency': return { en: 'purchases', zh: '购买次数', integer: true };
    case 'monetary': return { en: 'total spend', zh: '累计消费', integer: false };
    case 'tenure_days': return { en: 'days since first purchase', zh: '距首次购买天数', integer: true };
    case 'spend_last': return { en: `spend in the last ${w} days`, zh: `近${w}天消费`, integer: false };
    case 'spend_prev': return { en: `spend in the ${w} days before that`, zh: `再往前${w}天消费`, integer: false };
    case 'purchases_last': return { en: `purchases in the last ${w} days`, zh: `近${w}天购买次数`, integer: true };
    case 'trend': return { en: 'spend trend', zh: '消费趋势', integer: false };
    case 'avg_spend': return { en: 'spend per purchase', zh: '次均消费', integer: false };
  }
}
