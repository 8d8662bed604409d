import { describe, expect, it } from 'vitest';
import { movementGraph } from './movement-graph.ts';

describe('movementGraph', () => {
  it('splits each stage into a start and an end node so the sankey has no cycle', () => {
    const g = movementGraph([
      { from: 'stability', to: 'stability', customers: 10 },
      { from: 'stability', to: 'decline', customers: 3 },
      { from: 'none', to: 'new', customers: 5 },
      { from: 'decline', to: 'churned', customers: 0 },
    ]);
    expect(g.links).toEqual([
      { source: 'a:stability', target: 'b:stability', value: 10 },
      { source: 'a:stability', target: 'b:decline', value: 3 },
      { source: 'a:none', target: 'b:new', value: 5 },
    ]);
    expect(g.nodes.map((n) => n.name).sort()).toEqual(['a:none', 'a:stability', 'b:decline', 'b:new', 'b:stability']);
    for (const l of g.links) expect(l.source).not.toBe(l.target);
  });
});
