// The committed samples/ files: that they are what the generator writes, that transactions.csv agrees
// with orders.csv, and that the mess samples/README.md announces is in the files in those numbers.
// Everything is recounted from the CSV text with rules written here, not taken from the generator.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../testing/shared-data.ts';
import { fen, parseCsv, parseCsvRecords, readSample } from './sample-store-files.ts';
import { generateSampleStore, SAMPLE_FILES } from './sample-store.ts';

const readme = readSample('README.md');
const customers = parseCsvRecords(readSample('customers.csv'));
const orderRows = parseCsv(readSample('orders.csv')).slice(1);
const orders = parseCsvRecords(readSample('orders.csv'));
const interactions = parseCsvRecords(readSample('interactions.csv'));

/** The counts of samples/README.md's mess tables: "| `kind` | count | …". */
function readmeCounts(): Map<string, number> {
  return new Map([...readme.matchAll(/^\| `(\w+)` \| (\d+) \|/gm)].map((m) => [m[1], Number(m[2])]));
}

const groupsOfTwoOrMore = (key: (c: Record<string, string>) => string): number => {
  const by = new Map<string, number>();
  for (const c of customers) {
    const k = key(c);
    if (k) by.set(k, (by.get(k) ?? 0) + 1);
  }
  return [...by.values()].filter((n) => n > 1).length;
};

const isSale = (o: Record<string, string>) => !o.order_id.startsWith('C') && Number(o.quantity) > 0;

describe('the committed sample (samples/)', () => {
  it('is what `node scripts/make-sample.ts --seed 7` writes, byte for byte, in under 3 MB of valid UTF-8', () => {
    const { files } = generateSampleStore({ seed: 7 });
    let bytes = 0;
    for (const name of SAMPLE_FILES) {
      const committed = readFileSync(repoPath('samples', name));
      expect(committed.equals(Buffer.from(files[name], 'utf8')), `samples/${name} differs from the generator: run node scripts/make-sample.ts`).toBe(true);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(committed), name).not.toThrow();
      bytes += committed.length;
    }
    expect(bytes).toBeLessThan(3 * 1024 * 1024);
    expect(orders.length).toBeGreaterThanOrEqual(10_000);
    expect(orders.length).toBeLessThanOrEqual(20_000);
  });

  it('transactions.csv has one row per member sale (not cancelled, not a return), with the order total of orders.csv', () => {
    // Exact duplicate rows are an export glitch: each line counts once.
    const seen = new Set<string>();
    const totals = new Map<string, { customer: string; date: string; fen: number }>();
    const returnIds = new Set<string>();
    for (const row of orderRows) {
      const key = row.join('\u0001');
      if (seen.has(key)) continue;
      seen.add(key);
      const [orderId, customer, at, , quantity, unitPrice, discount] = row;
      if (!customer || orderId.startsWith('C')) continue;
      // A return is an order of its own whose lines have negative quantities.
      if (Number(quantity) < 0) {
        totals.delete(orderId);
        returnIds.add(orderId);
        continue;
      }
      if (returnIds.has(orderId)) continue;
      const t = totals.get(orderId) ?? { customer, date: at.slice(0, 10), fen: 0 };
      t.fen += Number(quantity) * fen(unitPrice) - fen(discount);
      totals.set(orderId, t);
    }
    const expected = [...totals.values()].map((t) => `${t.customer},${t.date},${t.fen}`);
    const actual = parseCsvRecords(readSample('transactions.csv')).map((t) => `${t.customer_id},${t.date},${fen(t.amount)}`);
    expect(actual.length).toBe(expected.length);
    expect(actual).toEqual(expected);
    // A clean purchase log: every amount positive, so a spend model can take it as it is.
    expect(parseCsvRecords(readSample('transactions.csv')).every((t) => fen(t.amount) > 0)).toBe(true);
  });

  it('holds the member-list mess the README states, by the README rules', () => {
    const stated = readmeCounts();
    const blank = (col: string) => customers.filter((c) => c[col] === '').length;
    const oldRecord = (c: Record<string, string>) => c.join_date < '2023-01-01' && c.updated_at < '2023-01-01';
    const buyers = new Set(orders.map((o) => o.customer_id));
    const found: Record<string, number> = {
      samePhone: groupsOfTwoOrMore((c) => c.phone),
      sameNameBirthday: groupsOfTwoOrMore((c) => (c.name && c.birthday ? `${c.name}|${c.birthday}` : '')),
      malformedPhone: customers.filter((c) => c.phone && !/^1[3-9]\d{9}$/.test(c.phone)).length,
      missingPhone: blank('phone'),
      malformedEmail: customers.filter((c) => c.email && !/^[^@\s,]+@[^@\s,]+\.[A-Za-z]{2,}$/.test(c.email)).length,
      missingEmail: blank('email'),
      missingName: blank('name'),
      missingGender: blank('gender'),
      missingBirthday: blank('birthday'),
      missingCity: blank('city'),
      placeholderBirthday: customers.filter((c) => c.birthday === '1900-01-01').length,
      futureBirthday: customers.filter((c) => c.birthday > '2026-06-30').length,
      stale: customers.filter((c) => oldRecord(c) && !buyers.has(c.customer_id)).length,
    };
    for (const [kind, n] of Object.entries(found)) expect(`${kind} ${n}`).toBe(`${kind} ${stated.get(kind)}`);
    // The deliberate mess is all there is: a handful of each kind, and no shared e-mail addresses.
    expect(found.samePhone).toBeGreaterThanOrEqual(5);
    expect(found.malformedPhone + found.malformedEmail + found.placeholderBirthday).toBeGreaterThanOrEqual(15);
    expect(groupsOfTwoOrMore((c) => c.email)).toBe(0);
    expect(new Set(customers.map((c) => c.customer_id)).size).toBe(customers.length);
    expect(customers.every((c) => /^M\d{6}$/.test(c.customer_id))).toBe(true);
  });

  it('holds the order mess the README states: walk-ins, returns of earlier orders, cancellations, duplicates, a bulk line', () => {
    const stated = readmeCounts();
    const ids = (test: (o: Record<string, string>) => boolean) => new Set(orders.filter(test).map((o) => o.order_id));
    const seen = new Set<string>();
    let duplicateRows = 0;
    for (const row of orderRows) {
      const key = row.join('\u0001');
      if (seen.has(key)) duplicateRows++;
      seen.add(key);
    }
    const byId = new Map<string, Record<string, string>[]>();
    for (const o of orders) byId.set(o.order_id, [...(byId.get(o.order_id) ?? []), o]);
    const returns = ids((o) => Number(o.quantity) < 0);
    for (const id of returns) {
      const [line, ...more] = byId.get(id) ?? [];
      expect(more.length, `return ${id} has one line`).toBe(0);
      const original = (byId.get(line.original_order_id) ?? []).find((o) => o.product_id === line.product_id && isSale(o));
      expect(original, `return ${id} refers to a sale of ${line.product_id}`).toBeDefined();
      expect(original?.customer_id).toBe(line.customer_id);
      expect(Number(original?.quantity)).toBeGreaterThanOrEqual(-Number(line.quantity));
      expect((original?.order_date ?? '') < line.order_date, `return ${id} comes after its order`).toBe(true);
    }
    expect(orders.filter((o) => Number(o.quantity) > 0).every((o) => o.original_order_id === '')).toBe(true);
    const found: Record<string, number> = {
      anonymousOrders: ids((o) => o.customer_id === '').size,
      returnOrders: returns.size,
      cancelledOrders: ids((o) => /^C\d+$/.test(o.order_id)).size,
      duplicateRows,
      bulkLines: orders.filter((o) => Number(o.quantity) >= 100).length,
    };
    for (const [kind, n] of Object.entries(found)) expect(`${kind} ${n}`).toBe(`${kind} ${stated.get(kind)}`);
    expect(found.returnOrders).toBeGreaterThanOrEqual(20);
    expect(found.cancelledOrders).toBeGreaterThanOrEqual(5);
  });

  it('keeps every record in the window, and no member buys before joining', () => {
    const inWindow = (t: string) => t >= '2024-07-01 00:00:00' && t <= '2026-06-30 23:59:59';
    expect(orders.every((o) => inWindow(o.order_date))).toBe(true);
    expect(interactions.every((r) => inWindow(r.occurred_at) && (r.resolved_at === '' || (inWindow(r.resolved_at) && r.resolved_at > r.occurred_at)))).toBe(true);
    expect(parseCsvRecords(readSample('events.csv')).every((e) => inWindow(e.occurred_at) && (e.customer_id === '') !== (e.visitor_id === ''))).toBe(true);
    const joined = new Map(customers.map((c) => [c.customer_id, c.join_date]));
    expect(orders.every((o) => o.customer_id === '' || (joined.get(o.customer_id) ?? '9') <= o.order_date.slice(0, 10))).toBe(true);
  });

  it('has the headline numbers the README states: members, tiers from net spend, service records, events, win-back', () => {
    const flat = readme.replace(/\s+/g, ' ');
    const buyers = new Set(orders.filter(isSale).map((o) => o.customer_id).filter(Boolean));
    const prospects = customers.filter((c) => !buyers.has(c.customer_id) && c.join_date >= '2024-07-01').length;
    expect(flat).toContain(`${customers.length} member records: ${buyers.size} members who bought, ${prospects} prospects`);

    // Tiers: net spend (returns deducted, each line once, cancellations void) against the README's thresholds.
    const spend = new Map<string, number>();
    const seen = new Set<string>();
    for (const row of orderRows) {
      const key = row.join('\u0001');
      const [orderId, customer, , , quantity, unitPrice, discount] = row;
      if (seen.has(key) || !customer || orderId.startsWith('C')) continue;
      seen.add(key);
      spend.set(customer, (spend.get(customer) ?? 0) + Number(quantity) * fen(unitPrice) - fen(discount));
    }
    const tierOf = (f: number) => (f >= 270_000 ? 'platinum' : f >= 150_000 ? 'gold' : f >= 60_000 ? 'silver' : 'regular');
    expect(customers.filter((c) => c.tier !== tierOf(spend.get(c.customer_id) ?? 0)).map((c) => c.customer_id)).toEqual([]);
    const tiers = ['regular', 'silver', 'gold', 'platinum'].map((t) => `${customers.filter((c) => c.tier === t).length} ${t}`);
    expect(flat).toContain(`(silver ≥ 600, gold ≥ 1,500, platinum ≥ 2,700 yuan): ${tiers.join(', ')}.`);

    const kind = (k: string) => interactions.filter((r) => r.kind === k).length;
    expect(flat).toContain(`${kind('survey')} survey answers`);
    expect(flat).toContain(`${kind('call')} calls (birthdays`);
    expect(flat).toContain(`and ${kind('visit')} visits.`);
    const events = parseCsvRecords(readSample('events.csv'));
    const event = (k: string) => events.filter((e) => e.event === k).length;
    expect(flat).toContain(`${event('view')} views, ${event('favorite')} favourites, ${event('cart')} carts.`);

    // Win-back: each call comes 150–200 calendar days after the last purchase; "came back" = a sale
    // within 21 days of the call.
    const DAY_MS = 86_400_000;
    const ms = (t: string) => Date.parse(t.replace(' ', 'T') + 'Z');
    const salesOf = new Map<string, number[]>();
    for (const o of orders.filter(isSale)) salesOf.set(o.customer_id, [...(salesOf.get(o.customer_id) ?? []), ms(o.order_date)]);
    const calls = interactions.filter((r) => r.subject === '流失挽回');
    let back = 0;
    for (const c of calls) {
      const at = ms(c.occurred_at);
      const times = salesOf.get(c.customer_id) ?? [];
      const lapse = Math.floor(at / DAY_MS) - Math.floor(Math.max(...times.filter((t) => t < at)) / DAY_MS);
      expect(lapse, c.customer_id).toBeGreaterThanOrEqual(150);
      expect(lapse, c.customer_id).toBeLessThan(201);
      if (times.some((t) => t > at && t <= at + 21 * DAY_MS)) back++;
    }
    expect(flat).toContain(`${calls.length} calls to members lapsed for 150–200 days; ${back} came back within three weeks`);

    const complained = new Set(interactions.filter((r) => r.kind === 'complaint').map((r) => `${r.customer_id}|${r.order_id}`));
    const refunds = orders.filter((o) => Number(o.quantity) < 0 && complained.has(`${o.customer_id}|${o.original_order_id}`)).length;
    expect(flat).toContain(`${refunds} of them refund a complaint`);
  });

  it('has the complaint outcomes the README states: open ones, and who bought again afterwards', () => {
    const m = /(\d+) complaints \((\d+) still open\); (\d+) complainers bought\s+again afterwards and (\d+) did not/.exec(readme);
    expect(m).not.toBeNull();
    const complaints = interactions.filter((r) => r.kind === 'complaint');
    const again = complaints.filter((c) => orders.some((o) => o.customer_id === c.customer_id && isSale(o) && o.order_date > c.occurred_at)).length;
    expect([complaints.length, complaints.filter((c) => c.status === 'open').length, again, complaints.length - again].map(String)).toEqual(m?.slice(1));
    expect(complaints.every((c) => (c.status === 'open') === (c.resolved_at === ''))).toBe(true);
    // Tolerance of quality incidents shows only if both outcomes occur in numbers.
    expect(Math.min(again, complaints.length - again)).toBeGreaterThanOrEqual(20);
  });
});
