import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/run-cli.ts';
import { sharedData } from '../../testing/shared-data.ts';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cvm-survival-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// R's numbers for the same data (src/analytics/survival/fixtures/lapse-cdnow.json, base-R durations + survfit).
const fx = JSON.parse(readFileSync(new URL('../../analytics/survival/fixtures/lapse-cdnow.json', import.meta.url), 'utf8')) as {
  customers: number; lapsed: number; returnedAfterLapse: number; overall: { median: number; medianLower: number; medianUpper: number };
  groups: Record<string, { records: number }>;
};
const cdnow = (...args: string[]) => runCli('survival', sharedData('cdnow/cdnowElog.csv'), '--customer', 'masterid', '--date', 'date', ...args);

describe('cvm survival', () => {
  it('prints one JSON document with the curve, the median and the cohort matrix on CDNOW', async () => {
    const r = await cdnow('--cohorts', '--format', 'json');
    expect([r.code, r.err]).toEqual([0, '']);
    const j = JSON.parse(r.out);
    expect([j.customers, j.lapsed, j.returnedAfterLapse, j.end, j.lapseDays]).toEqual([fx.customers, fx.lapsed, fx.returnedAfterLapse, '1998-06-30', 90]);
    expect([j.overall.median, j.overall.medianLower, j.overall.medianUpper]).toEqual([fx.overall.median, fx.overall.medianLower, fx.overall.medianUpper]);
    const c = j.overall.curve;
    expect(c.time.length).toBe(c.surv.length);
    expect(c.nRisk[0]).toBe(2357);
    // Every customer lapses at L = 90 days at the earliest, so the curve starts there.
    expect(c.time[0]).toBeGreaterThanOrEqual(90);
    // Cohorts: CDNOW's customers were acquired in January-March 1997 (R counts the same 781 / 857 / 719).
    expect(j.cohorts.cohorts.map((k: { cohort: string; customers: number }) => [k.cohort, k.customers]))
      .toEqual([['1997-01', fx.groups['199701'].records], ['1997-02', fx.groups['199702'].records], ['1997-03', fx.groups['199703'].records]]);
    expect(j.cohorts.cohorts.every((k: { share: number[] }) => k.share[0] === 1 && k.share.length === 13)).toBe(true);
    expect(j.cohorts.partialLastMonth).toBe(false); // the data end on 1998-06-30, a month's last day
  });

  it('groups by a column of a one-row-per-customer file and explains the options in --help', async () => {
    const segments = join(dir, 'segments.csv');
    // Even masterids in one group, odd in the other (a stand-in for an RFM segment column).
    const ids = new Set(readFileSync(sharedData('cdnow/cdnowElog.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]));
    writeFileSync(segments, `customer_id,segment\n${[...ids].map((id) => `${id},${Number(id) % 2 ? 'odd' : 'even'}`).join('\n')}\n`);
    const r = await cdnow('--by', 'segment', '--segments', segments, '--conf-type', 'log-log', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.groups.map((g: { group: string }) => g.group)).toEqual(['even', 'odd']);
    expect(j.groups.reduce((s: number, g: { customers: number }) => s + g.customers, 0)).toBe(2357);
    expect(j.confType).toBe('log-log');
    const help = await runCli('survival', '--help');
    expect(help.out).toMatch(/--lapse-days <n>/);
    expect(help.out).toMatch(/Examples:\n\s+cvm survival /);
  });

  it('groups by a column of the transactions file, taking the value on the first purchase', async () => {
    const p = join(dir, 'orders.csv');
    writeFileSync(p, 'cust,day,channel\nA,2024-01-05,store\nA,2024-01-01,web\nA,2024-01-20,web\nB,2024-03-25,store\nC,2024-03-21,web\nD,2024-01-01,store\n');
    const r = await runCli('survival', p, '--customer', 'cust', '--date', 'day', '--by', 'Channel', '--lapse-days', '10', '--end', '2024-03-31', '--format', 'json');
    expect(r.code).toBe(0);
    // A started on the web (01-01), lapsed at 14 days; C (web) at 10; D (store) at 10; B (store) censored at 6.
    expect(JSON.parse(r.out).groups.map((g: { group: string; customers: number; lapsed: number; curve: { time: number[] } }) => [g.group, g.customers, g.lapsed, g.curve.time]))
      .toEqual([['store', 2, 1, [6, 10]], ['web', 2, 2, [10, 14]]]);
  });

  it('prints a readable table in text mode', async () => {
    const r = await cdnow('--lapse-days', '120');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^2357 customers \(6919 transactions\), observed to 1998-06-30; lapse = 120 days without a purchase\n/);
    expect(r.out).toMatch(/\nall\s+\d+\.\d%/);
  });

  it('names a missing column, exits 65 and prints no stack trace', async () => {
    const byMissing = await cdnow('--by', 'channel');
    expect(byMissing.code).toBe(65);
    expect(byMissing.err).toBe('cvm: --by column "channel" not found in cdnowElog.csv (columns: masterid, sampleid, date, cds, sales)\n');
    const customerMissing = await runCli('survival', sharedData('cdnow/cdnowElog.csv'), '--customer', 'cust', '--date', 'date');
    expect(customerMissing.code).toBe(65);
    expect(customerMissing.err).toMatch(/^cvm: customer column "cust" not found in cdnowElog.csv/);
    expect(customerMissing.err).not.toMatch(/\n\s+at /);
  });

  it('refuses option values that make no sense, exit 64', async () => {
    expect((await cdnow('--lapse-days', '0')).err).toMatch(/--lapse-days must be a whole number ≥ 1/);
    expect((await cdnow('--conf-level', '95')).code).toBe(64);
    expect((await cdnow('--segments', 'x.csv')).err).toMatch(/--segments needs --by/);
    expect((await cdnow('--end', '1998-02-31')).code).toBe(64);
  });
});
