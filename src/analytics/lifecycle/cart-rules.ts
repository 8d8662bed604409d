// A pruned tree as plain-language rules, one per leaf, in English and Chinese:
//   "if days since last purchase > 120 and purchases ≤ 2 then churned (86 % of 1,234)"
//   "如果 距上次购买天数 > 120 且 购买次数 ≤ 2，则为 已流失（1,234 位中 86%）"
// The conditions on a leaf's path are merged per feature into one interval (a ≤ x < b). Splits send
// x < t left; for whole-number features (days, counts) x < t is printed x ≤ ⌈t⌉ − 1 and x ≥ t as
// x > ⌈t⌉ − 1, which say the same for whole numbers and read as people write them.
import { nodeClass, type CartTree } from './cart.ts';
import { isLeafAt } from './cart-predict.ts';

export interface RuleFeature {
  readonly en: string;
  readonly zh: string;
  /** Values are whole numbers, so bounds print as whole numbers. */
  readonly integer: boolean;
}

export interface Condition {
  readonly feature: number;
  /** x ≥ lower (or −∞) and x < upper (or +∞), as split. */
  readonly lower: number;
  readonly upper: number;
}

export interface Rule {
  readonly leaf: number;
  readonly conditions: Condition[];
  /** Predicted class and its share of the leaf's training rows. */
  readonly predicted: number;
  readonly share: number;
  readonly n: number;
  readonly en: string;
  readonly zh: string;
}

/**
 * Rules for the leaves of `t` pruned at complexity α, in depth-first order (left branch first).
 * @example treeRules(tree, collapseAlpha, 3, [{ en: 'purchases', zh: '购买次数', integer: true }], [{ en: 'churned', zh: '已流失' }, …])
 */
export function treeRules(t: CartTree, collapse: Float64Array, alpha: number, features: readonly RuleFeature[], classNames: readonly { en: string; zh: string }[]): Rule[] {
  const rules: Rule[] = [];
  const walk = (i: number, bounds: Map<number, [number, number]>): void => {
    if (isLeafAt(t, collapse, alpha, i)) {
      const predicted = nodeClass(t, i);
      const n = t.size[i];
      const share = n > 0 ? t.counts[i * t.classes + predicted] / n : 0;
      const conditions = [...bounds.entries()].sort((a, b) => a[0] - b[0]).map(([feature, [lower, upper]]) => ({ feature, lower, upper }));
      rules.push({ leaf: i, conditions, predicted, share, n, ...ruleText(conditions, features, classNames[predicted], share, n) });
      return;
    }
    const f = t.feature[i];
    const [lo, hi] = bounds.get(f) ?? [-Infinity, Infinity];
    walk(t.left[i], new Map(bounds).set(f, [lo, Math.min(hi, t.threshold[i])]));
    walk(t.right[i], new Map(bounds).set(f, [Math.max(lo, t.threshold[i]), hi]));
  };
  walk(0, new Map());
  return rules;
}

function ruleText(conditions: Condition[], features: readonly RuleFeature[], name: { en: string; zh: string }, share: number, n: number): { en: string; zh: string } {
  const pct = Math.round(share * 100);
  const count = n.toLocaleString('en-US');
  if (conditions.length === 0) {
    return { en: `all customers: ${name.en} (${pct} % of ${count})`, zh: `全部客户：${name.zh}（${count} 位中 ${pct}%）` };
  }
  const en = conditions.map((c) => interval(c, features[c.feature].en, features[c.feature].integer)).join(' and ');
  const zh = conditions.map((c) => interval(c, features[c.feature].zh, features[c.feature].integer)).join(' 且 ');
  return { en: `if ${en} then ${name.en} (${pct} % of ${count})`, zh: `如果 ${zh}，则为 ${name.zh}（${count} 位中 ${pct}%）` };
}

function interval(c: Condition, label: string, integer: boolean): string {
  const hasLow = Number.isFinite(c.lower);
  const hasHigh = Number.isFinite(c.upper);
  if (integer) {
    const low = Math.ceil(c.lower) - 1; // x ≥ t  ⇔  x > ⌈t⌉ − 1 for whole x
    const high = Math.ceil(c.upper) - 1; // x < t  ⇔  x ≤ ⌈t⌉ − 1
    if (hasLow && hasHigh) return low + 1 === high ? `${label} = ${high}` : `${fmt(low)} < ${label} ≤ ${fmt(high)}`;
    return hasLow ? `${label} > ${fmt(low)}` : `${label} ≤ ${fmt(high)}`;
  }
  if (hasLow && hasHigh) return `${fmt(c.lower)} ≤ ${label} < ${fmt(c.upper)}`;
  return hasLow ? `${label} ≥ ${fmt(c.lower)}` : `${label} < ${fmt(c.upper)}`;
}

/** Thresholds for people: up to 4 significant digits, thousands separated. */
const fmt = (v: number): string => Number(v.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 4 });
