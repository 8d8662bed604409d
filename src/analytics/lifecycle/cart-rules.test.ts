import { describe, expect, it } from 'vitest';
import { growTree } from './cart.ts';
import { predictRows } from './cart-predict.ts';
import { pruneSequence } from './cart-prune.ts';
import { treeRules, type RuleFeature } from './cart-rules.ts';
import { classificationMetrics } from './classification-metrics.ts';
import { featureLabel, STAGE_NAMES } from './lifecycle-stages.ts';

const NAMES = [STAGE_NAMES.decline, STAGE_NAMES.stability, STAGE_NAMES.churned];
const FEATURES: RuleFeature[] = [featureLabel('recency_days', 90), featureLabel('frequency', 90)];

describe('tree rules in plain language', () => {
  it('reads a hand-made tree: recency splits at 130 (60 | 200), purchases at 3.5 (2 | 5)', () => {
    // Rows (recency, purchases) → stage: the churned all have recency ≥ 200, and among the rest the
    // decliners made ≤ 2 purchases. Root: recency < 130 leaves (2 decline, 3 stability) and (3 churned):
    // Σc²/n = 13/5 + 9/3 = 5.6, against 4.5 for purchases < 3.5; then purchases < 3.5 splits the left.
    const recency = Float64Array.of(200, 250, 300, 30, 60, 30, 60, 45);
    const purchases = Float64Array.of(1, 6, 2, 1, 2, 5, 6, 8);
    const y = Int32Array.of(2, 2, 2, 0, 0, 1, 1, 1);
    const t = growTree({ features: [recency, purchases], y, classes: 3 }, { minSplit: 2, minLeaf: 1 });
    const { collapseAlpha } = pruneSequence(t);
    const rules = treeRules(t, collapseAlpha, 0, FEATURES, NAMES);
    // Whole-number features: x < 130 reads "≤ 129", x ≥ 130 reads "> 129"; x < 3.5 reads "≤ 3".
    expect(rules.map((r) => r.en)).toEqual([
      'if days since last purchase ≤ 129 and purchases ≤ 3 then decline (100 % of 2)',
      'if days since last purchase ≤ 129 and purchases > 3 then stability (100 % of 3)',
      'if days since last purchase > 129 then churned (100 % of 3)',
    ]);
    expect(rules[0].zh).toBe('如果 距上次购买天数 ≤ 129 且 购买次数 ≤ 3，则为 退化期（2 位中 100%）');
    // Pruned back to the root's split (α above the left split's link), the left leaf is mixed: 3 of 5 stability.
    const seq = pruneSequence(t);
    const rootOnly = treeRules(t, seq.collapseAlpha, seq.steps[1].alpha, FEATURES, NAMES);
    expect(rootOnly.map((r) => r.en)).toEqual([
      'if days since last purchase ≤ 129 then stability (60 % of 5)',
      'if days since last purchase > 129 then churned (100 % of 3)',
    ]);
    // The rules classify the rows they were learned from as the tree does.
    expect(Array.from(predictRows(t, collapseAlpha, 0, [recency, purchases]).classes)).toEqual(Array.from(y));
  });

  it('merges bounds on one feature into an interval, whole or not, and names the root-only tree', () => {
    const x = Float64Array.of(1, 2, 3, 4, 5, 6);
    const t = growTree({ features: [x], y: Int32Array.of(0, 0, 1, 1, 2, 2), classes: 3 }, { minSplit: 2, minLeaf: 1 });
    const { collapseAlpha } = pruneSequence(t);
    const whole = treeRules(t, collapseAlpha, 0, [{ en: 'orders', zh: '订单数', integer: true }], NAMES);
    expect(whole.map((r) => r.en.replace(/ then .*/, ''))).toEqual(['if orders ≤ 2', 'if 2 < orders ≤ 4', 'if orders > 4']);
    const real = treeRules(t, collapseAlpha, 0, [{ en: 'spend', zh: '消费', integer: false }], NAMES);
    expect(real.map((r) => r.en.replace(/ then .*/, ''))).toEqual(['if spend < 2.5', 'if 2.5 ≤ spend < 4.5', 'if spend ≥ 4.5']);
    const stump = treeRules(t, collapseAlpha, Infinity, [{ en: 'orders', zh: '订单数', integer: true }], NAMES);
    expect(stump.map((r) => [r.en, r.zh])).toEqual([['all customers: decline (33 % of 6)', '全部客户：退化期（6 位中 33%）']]);
  });
});

describe('classification metrics', () => {
  it('counts the confusion matrix and derives precision and recall by hand', () => {
    // actual 0 0 1 1 2, predicted 0 1 1 1 0: diagonal 1 + 2 + 0 = 3 of 5.
    const m = classificationMetrics(Int32Array.of(0, 0, 1, 1, 2), Int32Array.of(0, 1, 1, 1, 0), 3);
    expect(m.confusion).toEqual([[1, 1, 0], [0, 2, 0], [1, 0, 0]]);
    expect(m.accuracy).toBe(3 / 5);
    expect(m.perClass).toEqual([
      { precision: 1 / 2, recall: 1 / 2, support: 2, predicted: 2 },
      { precision: 2 / 3, recall: 1, support: 2, predicted: 3 },
      { precision: null, recall: 0, support: 1, predicted: 0 },
    ]);
  });
});
