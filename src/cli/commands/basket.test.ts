import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvm-basket-cli-'));
// The arules vignette "Mining and pruning association rules" (mhahsler/arules,
// articles/mining-and-pruning-rules.md), one basket per line; spaces after commas are trimmed.
const baskets = join(dir, 'vignette.csv');
writeFileSync(baskets, ['bread, butter, milk', 'bread, butter', 'bread, milk', 'bread, butter, jam', 'bread, butter, milk',
  'butter, jam', 'bread, milk, cereal', 'bread, butter, jam'].join('\n') + '\n');
const vignetteArgs = ['--support', '0.25', '--confidence', '0.6', '--maxlen', '3', '--rhs', 'butter,milk'];

describe('cvm basket', () => {
  it('--format json prints exactly transactions, items, count and the rules', async () => {
    const r = await runCli('basket', baskets, ...vignetteArgs, '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['transactions', 'items', 'count', 'rules']);
    expect([j.transactions, j.items, j.count]).toEqual([8, 5, 4]);
    expect(Object.keys(j.rules[0])).toEqual(['lhs', 'rhs', 'support', 'confidence', 'coverage', 'lift', 'count']);
    // The vignette's inspect(rules): {} → butter (.75, .75, lift 1, 6), {jam} → butter (.375, 1, 1.333333, 3),
    // {bread} → butter (.625, .7142857, .952381, 5), {bread, jam} → butter (.25, 1, 1.333333, 2); sorted
    // by lift (ties by confidence, then support), 7 printed digits → 5e-7.
    const want = [[['jam'], 1.333333, 3], [['bread', 'jam'], 1.333333, 2], [[], 1, 6], [['bread'], 0.952381, 5]];
    expect(j.rules.map((x: { lhs: string[] }) => x.lhs)).toEqual(want.map((w) => w[0]));
    j.rules.forEach((x: { rhs: string[]; lift: number; count: number }, i: number) => {
      expect(x.rhs).toEqual(['butter']);
      expect(Math.abs(x.lift - Number(want[i][1]))).toBeLessThan(5e-7);
      expect(x.count).toBe(want[i][2]);
    });
  });

  it('--prune-redundant keeps {jam} → butter and {} → butter, as is.redundant does in the vignette', async () => {
    const r = await runCli('basket', baskets, ...vignetteArgs, '--prune-redundant', '--format', 'json');
    const j = JSON.parse(r.out);
    expect(j.count).toBe(2);
    expect(j.rules.map((x: { lhs: string[] }) => x.lhs)).toEqual([['jam'], []]);
  });

  it('text output is a table, sorted and limited as asked', async () => {
    const r = await runCli('basket', baskets, ...vignetteArgs, '--sort', 'support', '--limit', '2');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/8 baskets, 5 items; support ≥ 0.25 \(2 baskets\), confidence ≥ 0.6, 1–3 items per rule, rhs in \{butter, milk\}/);
    expect(r.out).toMatch(/4 rules; the first 2 by support:/);
    const rows = r.out.trimEnd().split('\n').slice(-2);
    expect(rows[0]).toMatch(/^\{\}\s+=>\s+\{butter\}\s+0\.7500\s+0\.7500\s+1\.000\s+1\.000\s+6$/);
    expect(rows[1]).toMatch(/^\{bread\}\s+=>\s+\{butter\}\s+0\.6250\s+0\.7143\s+0\.8750\s+0\.9524\s+5$/);
  });

  it('reads order lines with --order and --item', async () => {
    const lines = join(dir, 'lines.csv');
    writeFileSync(lines, 'invoice,product\n' + [['bread', 'butter', 'milk'], ['bread', 'butter'], ['bread', 'milk'], ['bread', 'butter', 'jam'],
      ['bread', 'butter', 'milk'], ['butter', 'jam'], ['bread', 'milk', 'cereal'], ['bread', 'butter', 'jam']]
      .flatMap((b, t) => b.map((item) => `${1000 + t},${item}`)).join('\n') + '\n');
    const r = await runCli('basket', lines, '--order', 'invoice', '--item', 'product', ...vignetteArgs, '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect([j.transactions, j.items, j.count]).toEqual([8, 5, 4]);
  });

  it('clear errors: missing file 66, empty file 65, bad thresholds and options 64', async () => {
    const missing = await runCli('basket', join(dir, 'nope.csv'), '--support', '0.1', '--confidence', '0.5');
    expect(missing.code).toBe(66);
    expect(missing.err).toMatch(/not found/);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const e = await runCli('basket', empty, '--support', '0.1', '--confidence', '0.5');
    expect(e.code).toBe(65);
    expect(e.err).toMatch(/empty/);
    for (const [args, msg] of [
      [['--support', '0', '--confidence', '0.5'], /support must be/],
      [['--support', 'abc', '--confidence', '0.5'], /--support must be a number/],
      [['--support', '0.1', '--confidence', '1.5'], /confidence must be/],
      [['--support', '0.1', '--confidence', '0.5', '--minlen', '3', '--maxlen', '2'], /maxlen must be/],
      [['--support', '0.1', '--confidence', '0.5', '--rhs', 'caviar'], /rhs item\(s\) not in the data: "caviar"/],
      [['--support', '0.1', '--confidence', '0.5', '--order', 'invoice'], /needs both --order COL and --item COL/],
      [['--support', '0.1', '--confidence', '0.5', '--limit', '-1'], /--limit must be/],
    ] as const) {
      const r = await runCli('basket', baskets, ...args);
      expect(r.code, args.join(' ')).toBe(64);
      expect(r.err).toMatch(msg);
    }
    const noSupport = await runCli('basket', baskets, '--confidence', '0.5');
    expect(noSupport.code).toBe(64);
  });
});
