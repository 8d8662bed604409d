// Ordering rules for display: by the chosen measure, highest first, with fixed tie-breaks so that the
// same data always prints in the same order (arules' sort keeps mining order for ties, which depends
// on its internal item order; ours is spelled out instead).
import type { AssociationRule } from './association-rules.ts';

export type RuleMeasure = 'lift' | 'confidence' | 'support';
export const RULE_MEASURES: readonly RuleMeasure[] = ['lift', 'confidence', 'support'];

/**
 * A sorted copy: the measure descending, then confidence, support and lift descending, then shorter
 * lhs first, then by item labels.
 */
export function sortRules(rules: readonly AssociationRule[], by: RuleMeasure, labels: readonly string[]): AssociationRule[] {
  const text = (r: AssociationRule): string => [...r.lhs.map((c) => labels[c]), '→', labels[r.rhs]].join('\u0000');
  return [...rules].sort((a, b) =>
    b[by] - a[by] || b.confidence - a.confidence || b.support - a.support || b.lift - a.lift
    || a.lhs.length - b.lhs.length || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}
