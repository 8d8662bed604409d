import { describe, expect, it } from 'vitest';
import { parseBaskets } from './parse-baskets.ts';
import { fromBaskets, fromPairs } from './transactions.ts';

describe('parseBaskets (arules read.transactions, format = "basket", sep = ",")', () => {
  it('trims labels and drops empty ones, as trimws() and the nchar > 0 filter do', () => {
    expect(parseBaskets('cream cheese ,yogurt\n  whole milk ,, \n')).toEqual([['cream cheese', 'yogurt'], ['whole milk']]);
  });
  it('counts an empty line as an empty basket; the final newline ends the last line', () => {
    expect(parseBaskets('a,b\n\nc\n')).toEqual([['a', 'b'], [], ['c']]);
    expect(parseBaskets('a,b\n\nc')).toEqual([['a', 'b'], [], ['c']]);
  });
  it('reads \\r\\n and \\r line ends and ignores a byte-order mark', () => {
    expect(parseBaskets('\ufeffa,b\r\nc\rd\r\n')).toEqual([['a', 'b'], ['c'], ['d']]);
  });
  it('lets quoted fields hold commas and doubled quotes; a quote inside a label is literal', () => {
    expect(parseBaskets('"nuts, salted",\'kid\'\'s meal\',baby\'s food\n')).toEqual([['nuts, salted', "kid's meal", "baby's food"]]);
  });
  it('keeps no-break spaces, which trimws() does not strip', () => {
    expect(parseBaskets('\u00a0tea\n')).toEqual([['\u00a0tea']]);
  });
});

describe('transactions', () => {
  it('fromBaskets codes labels in sorted order and counts a repeated item once per basket', () => {
    const tx = fromBaskets([['milk', 'bread', 'milk'], [], ['butter']]);
    expect(tx.labels).toEqual(['bread', 'butter', 'milk']);
    expect(Array.from(tx.offsets)).toEqual([0, 2, 2, 3]);
    expect(Array.from(tx.items)).toEqual([0, 2, 1]);
  });
  it('fromPairs groups sorted (basket, item) pairs, dropping repeats and keeping empty baskets', () => {
    const tx = fromPairs([0, 0, 0, 2, 2], [2, 0, 2, 1, 1], ['a', 'b', 'c'], 4);
    expect(Array.from(tx.offsets)).toEqual([0, 2, 2, 3, 3]);
    expect(Array.from(tx.items)).toEqual([0, 2, 1]);
    expect(() => fromPairs([1, 0], [0, 0], ['a'], 2)).toThrow(/sorted/);
  });
});
