import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../../engines/duckdb/sql-literal.ts';
import { runCli } from '../../testing/run-cli.ts';
import { repoPath, sharedData } from '../../testing/shared-data.ts';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cvm-analyze-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cvm analyze', () => {
  it('runs the whole pipeline on CDNOW and agrees with summary + fit run separately', async () => {
    const out = join(dir, 'cdnow');
    const r = await runCli('analyze', sharedData('cdnow/cdnowElog.csv'), '--customer', 'masterid', '--amount', 'sales', '--model', 'auto', '--out', out, '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.import.counts.read).toBe(6919);
    // cdnowElog.csv has 8 purchases of $0 or less: the import keeps them out of customer analytics
    // (reason non-positive-amount), and the 8 customers who made them bought nothing else.
    expect(j.import.counts.excluded.byReason).toEqual({ 'non-positive-amount': 8 });
    expect(j.pipeline.summary.customers).toBe(2349);
    expect(j.pipeline.choice.candidates.map((c: { model: string }) => c.model).sort()).toEqual(['bgnbd', 'pnbd']);
    expect(j.pipeline.choice.reason).toMatch(/fits better \(BIC lower by/);

    // Fitting the written customers file again gives the same parameters (to the 6 decimals written).
    const fit = JSON.parse((await runCli('fit', j.pipeline.countFit.model, join(out, 'customers.csv'), '--format', 'json')).out);
    for (const [k, v] of Object.entries(fit.params)) expect(j.pipeline.countFit.params[k]).toBeCloseTo(v as number, 4);

    const lines = readFileSync(join(out, 'customers.csv'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2350);
    const head = lines[0].split(',');
    for (const c of ['customer_id', 'frequency', 'recency', 'T', 'monetary_value', 'total_spend', 'orders', 'expected_purchases_52w', 'p_alive', 'clv_12m',
      'rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment', 'pyramid_tier', 'value_score', 'value_at_risk', 'churn_warning']) expect(head).toContain(c);
    // masterid 4 bought 4 times for 29.33 + 29.73 + 14.96 + 26.48 = 100.50 (cdnowElog.csv).
    const first = Object.fromEntries(lines[1].split(',').map((v, i) => [head[i], v]));
    expect(first.customer_id).toBe('4');
    expect(Number(first.orders)).toBe(4);
    expect(Number(first.total_spend)).toBeCloseTo(100.5, 2);

    const db = await DuckDbEngine.open();
    try {
      expect(await db.scalar(`SELECT count(*) FROM read_parquet(${quoteString(join(out, 'customers.parquet'))})`)).toBe(2349);
    } finally {
      db.close();
    }
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/https?:|src=/);
    expect(html).toMatch(/RFM/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    // The holdout check refits on the first three quarters of the 78 weeks.
    expect(report.model.holdout.calibrationEnd).toMatch(/^1998-0\d-\d\d$/);
  });

  it('runs the README\'s main job on the bundled sample, detecting the columns', async () => {
    const out = join(dir, 'sample');
    const r = await runCli('analyze', repoPath('samples', 'transactions.csv'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/columns: customer=customer_id, date=date, amount=amount/);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    // Nobody asked for a model: both are fitted and the better kept, with the reason in both languages.
    const model = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).model;
    expect(model.candidates.map((c: { model: string }) => c.model).sort()).toEqual(['bgnbd', 'pnbd']);
    expect(r.out).toMatch(/model: (BG\/NBD|Pareto\/NBD) fits better \(BIC lower by/);
    expect(model.reason['zh-CN']).toMatch(/^(BG\/NBD|Pareto\/NBD) 拟合更好（BIC 低/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('拟合更好');
  });

  it('keeps the model that can be fitted when the other cannot, and says why', async () => {
    // Four customers in weeks (x, t_x, T) = (0, 0, 2), (3, 22, 27), (0, 0, 30), (1, 6, 25): BG/NBD fits,
    // Pareto/NBD's L-BFGS does not converge. The run goes on with BG/NBD instead of failing, and without
    // the simplex fallback, which took ~13 s on this file to fail as well.
    const file = join(dir, 'four.csv');
    writeFileSync(file, ['customer_id,date,amount', 'A,2024-02-26,10', 'B,2023-09-04,12', 'B,2023-09-11,9', 'B,2023-09-18,11',
      'B,2024-02-05,13', 'C,2023-08-14,8', 'D,2023-09-18,10', 'D,2023-10-30,14'].join('\n') + '\n');
    const out = join(dir, 'four');
    const r = await runCli('analyze', file, '--out', out, '--end', '2024-03-11', '--no-holdout');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/model: BG\/NBD, the only one of the two models that could be fitted \(Pareto\/NBD: the fit did not converge \(line search failed\)/);
    const model = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).model;
    expect(model.chosen).toBe('bgnbd');
    expect(model.reason['zh-CN']).toMatch(/^BG\/NBD（两个模型中唯一能拟合的；Pareto\/NBD：the fit did not converge/);
  });

  it('accounts in report.html for every row read, exact duplicates included', async () => {
    // The bundled sample with its first sale repeated: the import drops the copy as an exact duplicate,
    // apart from the exclusions, and the report's equation must count it there too.
    const lines = readFileSync(repoPath('samples', 'transactions.csv'), 'utf8').trimEnd().split('\n');
    const file = join(dir, 'with-duplicate.csv');
    writeFileSync(file, [...lines, lines[1]].join('\n') + '\n');
    const out = join(dir, 'with-duplicate');
    const r = await runCli('analyze', file, '--out', out, '--no-holdout');
    expect(r.code).toBe(0);
    const rows = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).overview.rows;
    expect(rows.duplicates).toBe(1);
    expect(rows.read).toBe(lines.length);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('every row is accounted for');
    expect(html).not.toContain('unaccounted');
  });

  it('--no-segments leaves out the segment stage and says so in the report', async () => {
    const out = join(dir, 'no-segments');
    const r = await runCli('analyze', repoPath('samples', 'transactions.csv'), '--out', out, '--no-segments', '--no-holdout');
    expect(r.code).toBe(0);
    const head = readFileSync(join(out, 'customers.csv'), 'utf8').split('\n')[0].split(',');
    expect(head).toContain('clv_12m');
    for (const c of ['rfm_segment', 'pyramid_tier', 'value_score', 'churn_rank']) expect(head).not.toContain(c);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.atRisk.unavailable).toMatch(/--no-segments/);
    expect((await runCli('analyze', '--help')).out).toMatch(/--no-segments/);
  });

  it('tells the user which column it could not find', async () => {
    const odd = join(dir, 'odd.csv');
    writeFileSync(odd, 'shopper,day,paid\nA,2024-01-01,5\n');
    const r = await runCli('analyze', odd, '--out', join(dir, 'g'));
    expect(r.code).toBe(65);
    expect(r.err).toMatch(/customer/i);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
