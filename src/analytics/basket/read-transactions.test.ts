import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { sharedData } from '../../testing/shared-data.ts';
import { associationRules } from './association-rules.ts';
import { parseBaskets } from './parse-baskets.ts';
import { readBasketFile, readOrderItemFile } from './read-transactions.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvm-basket-'));
let db: DuckDbEngine;
beforeAll(async () => { db = await DuckDbEngine.open({ threads: 1 }); });
afterAll(() => db.close());

describe('readBasketFile', () => {
  it('refuses a missing file and an empty one with clear errors', async () => {
    await expect(readBasketFile(join(dir, 'nope.csv'))).rejects.toMatchObject({ code: 'unreadable-input', message: expect.stringMatching(/not found/) });
    writeFileSync(join(dir, 'empty.csv'), '');
    await expect(readBasketFile(join(dir, 'empty.csv'))).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/empty/) });
    writeFileSync(join(dir, 'blank.csv'), '\n , \n');
    await expect(readBasketFile(join(dir, 'blank.csv'))).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/no items/) });
  });
});

describe('readOrderItemFile (arules read.transactions, format = "single")', () => {
  it('Groceries as order lines gives the same baskets, and the same 5,668 rules, as the basket file', async () => {
    const baskets = parseBaskets(readFileSync(sharedData('groceries/arules/Groceries_arules_baskets.csv'), 'utf8'));
    // Order ids as text ("T1" … "T9835") and one line per item, an item repeated in a few orders.
    const lines = ['Invoice,Product'];
    baskets.forEach((b, t) => {
      for (const item of b) lines.push(`T${t + 1},"${item}"`);
      if (t % 1000 === 0) lines.push(`T${t + 1},"${b[0]}"`);
    });
    const path = join(dir, 'groceries-lines.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const tx = await readOrderItemFile(db, path, { order: 'invoice', item: 'Product' });
    expect(tx.offsets.length - 1).toBe(9835);
    expect(tx.labels).toHaveLength(169);
    const fromFile = await readBasketFile(sharedData('groceries/arules/Groceries_arules_baskets.csv'));
    expect(tx.labels).toEqual(fromFile.labels);
    // arulesViz vignette: 5668 rules at support 0.001, confidence 0.5 (see association-rules-groceries.test.ts).
    expect(associationRules(tx, { support: 0.001, confidence: 0.5 }).rules).toHaveLength(5668);
  });
  it('names the columns the file has when one is missing', async () => {
    const path = join(dir, 'small.csv');
    writeFileSync(path, 'order,item\n1,a\n1,b\n2,a\n');
    await expect(readOrderItemFile(db, path, { order: 'order', item: 'sku' })).rejects.toThrow(/item column "sku" not found .*columns: order, item/);
    const tx = await readOrderItemFile(db, path, { order: 'order', item: 'item' });
    expect(tx.labels).toEqual(['a', 'b']);
    expect(Array.from(tx.offsets)).toEqual([0, 2, 3]);
  });
});
