// The lifecycle movement matrix as sankey nodes and links.
import type { LifecycleSection } from '../../../../src/report/report-data.ts';

/**
 * Sankey nodes and links for the movement matrix. A sankey must be acyclic, so each stage appears twice:
 * as where customers were at the first date and where they are at the second.
 */
export function movementGraph(counts: LifecycleSection['movement']['counts']) {
  const from = new Set<string>();
  const to = new Set<string>();
  const links = counts.filter((c) => c.customers > 0).map((c) => {
    from.add(c.from);
    to.add(c.to);
    return { source: `a:${c.from}`, target: `b:${c.to}`, value: c.customers };
  });
  const nodes = [...[...from].map((s) => ({ name: `a:${s}` })), ...[...to].map((s) => ({ name: `b:${s}` }))];
  return { nodes, links };
}
