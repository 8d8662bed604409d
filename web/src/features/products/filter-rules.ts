// The rules explorer's filter: rules with a minimum lift that mention a product (id or name), best first.
import type { RuleInfo } from '../../../../src/report/report-data.ts';

export type Measure = 'lift' | 'confidence' | 'support';

export const itemName = (i: { id: string; name: string | null }) => i.name ?? i.id;

export function filterRules(rules: readonly RuleInfo[], text: string, minLift: number, by: Measure): RuleInfo[] {
  const needle = text.trim().toLowerCase();
  return rules
    .filter((r) => r.lift >= minLift)
    .filter((r) => !needle || [...r.lhs, r.rhs].some((i) => i.id.toLowerCase().includes(needle) || (i.name ?? '').toLowerCase().includes(needle)))
    .sort((a, b) => b[by] - a[by]);
}
