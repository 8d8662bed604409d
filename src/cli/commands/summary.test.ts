import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data.ts';
import { runCli } from '../../testing/run-cli.ts';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cvm-summary-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cvm = runCli;

describe('cvm summary', () => {
  it('writes the CDNOW calibration summary and reports it as JSON', async () => {
    const out = join(dir, 'cdnow.csv');
    const r = await cvm('summary', sharedData('cdnow/cdnowElog.csv'), '--customer', 'masterid', '--date', 'date', '--amount', 'sales',
      '--unit', 'week', '--periods', 'fractional', '--calibration-end', '1997-09-30', '--out', out, '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      rowsWritten: 2357, transactions: 6919, unit: 'week', periods: 'fractional', end: '1998-06-30', calibrationEnd: '1997-09-30', output: out,
    });
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2358);
    expect(lines[0]).toBe('customer_id,frequency,recency,T,monetary_value,frequency_holdout,monetary_value_holdout,duration_holdout');
    // masterid 4 is BTYD's customer 1: x 2, t.x 30.43, T.cal 38.86 weeks, m.x 22.345, x.star 1 (cdnowSummary_cbs.csv)
    const [id, x, tx, T, m, xStar] = lines[1].split(',').map(Number);
    expect([id, x, xStar, m]).toEqual([4, 2, 1, 22.345]);
    expect([tx, T]).toEqual([213 / 7, 272 / 7]);
  });

  it('says which library each --periods choice matches, with an example', async () => {
    const r = await cvm('summary', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/fractional\s+BTYD \/ CLVTools/);
    expect(r.out).toMatch(/whole\s+lifetimes/);
    expect(r.out).toMatch(/Example[^\n]*\n\s+cvm summary /);
  });

  it('names a missing column, exits 65 and prints no stack trace', async () => {
    const r = await cvm('summary', sharedData('cdnow/cdnowElog.csv'), '--customer', 'customer', '--date', 'date', '--out', join(dir, 'x.csv'));
    expect(r.code).toBe(65);
    expect(r.err).toBe('cvm: customer column "customer" not found in cdnowElog.csv (columns: masterid, sampleid, date, cds, sales)\n');
    expect(r.out).toBe('');
  });

  it('gives the line number of an unparseable date', async () => {
    const p = join(dir, 'bad.csv');
    writeFileSync(p, 'id,day\n1,2015-01-01\n2,01/13/2015\n');
    const r = await cvm('summary', p, '--customer', 'id', '--date', 'day', '--out', join(dir, 'y.csv'));
    expect(r.code).toBe(65);
    expect(r.err).toMatch(/^cvm: 1 of 2 rows in bad.csv have a day that is not a date \(line 3: "01\/13\/2015"\)/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('reads blank-separated text without a header, in whole periods', async () => {
    const out = join(dir, 'sample.csv');
    const r = await cvm('summary', sharedData('cdnow/CDNOW_sample.txt'), '--no-header', '--customer', '2', '--date', '3',
      '--unit', 'week', '--periods', 'whole', '--end', '1997-09-30', '--out', out, '--format', 'json');
    expect(r.code).toBe(0);
    // lifetimes issue #100 printed customer 1 (sample id 0001) as frequency 2, recency 30, T 39 for these options.
    expect(readFileSync(out, 'utf8').split('\n').slice(0, 2)).toEqual(['customer_id,frequency,recency,T', '0001,2.0,30.0,39.0']);
  });
});
