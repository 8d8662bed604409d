// The order file's realistic mess: returns that refer to an earlier order, orders cancelled and
// placed again, a group-purchase line of extreme size, and rows an export wrote twice.
import { PRODUCTS, productIndex, STORES } from './sample-store-catalog.ts';
import { DAYS, timeOnDay } from './sample-store-calendar.ts';
import type { Line } from './sample-store-baskets.ts';
import type { Member } from './sample-store-members.ts';
import { newOrder, type Order, type OrderFactory } from './sample-store-orders.ts';
import type { Random } from './random.ts';

const END = DAYS * 86_400;

// Fresh and chilled goods come back far more often than rice or detergent.
const RETURN_WEIGHT: Readonly<Record<string, number>> = { fruit: 4, meat: 4, dairy: 3, bakery: 3, vegetables: 2, eggs: 2, baby: 2 };

/**
 * A return of (part of) one line of `order` at `at`: a new order whose line has a negative quantity
 * and the matching share of the original discount, so quantity × unit_price − discount is the refund.
 */
export function makeReturn(rng: Random, f: OrderFactory, order: Order, line: Line, at: number): Order {
  const q = 1 + Math.floor(rng.next() * line.quantity);
  const discount = -Math.round((line.discount * q) / line.quantity);
  return newOrder(f, {
    member: order.member, at, store: order.store, channel: order.channel, kind: 'return', original: order,
    lines: [{ product: line.product, quantity: -q, discount }],
  });
}

/**
 * Returns of about one sale in a hundred, 1–10 days later, weighted towards fresh goods. Orders in
 * `settled` (complained about, refunded or not) are left alone: their outcome is the complaint's.
 */
export function randomReturns(rng: Random, sales: Order[], settled: ReadonlySet<Order>, f: OrderFactory): Order[] {
  const out: Order[] = [];
  for (const o of sales) {
    if (rng.next() >= 0.01 || settled.has(o)) continue;
    const weights = o.lines.map((l) => RETURN_WEIGHT[PRODUCTS[l.product].category] ?? 1);
    let u = rng.next() * weights.reduce((a, b) => a + b, 0);
    const line = o.lines.find((_, i) => (u -= weights[i]) < 0) ?? o.lines[o.lines.length - 1];
    const at = o.at + 86_400 + Math.floor(rng.next() * 9 * 86_400);
    if (at < END) out.push(makeReturn(rng, f, o, line, at));
  }
  return out;
}

/**
 * Online orders cancelled by the shopper, who then placed the order again a little later (the sale
 * that counts): the cancelled one is written with its id prefixed "C", as in the UCI Online Retail
 * file, and the quantities as ordered. Added beside the purchase process, so it stays unchanged.
 */
export function cancellations(rng: Random, sales: Order[], f: OrderFactory): Order[] {
  const out: Order[] = [];
  for (const o of sales) {
    if (o.channel === 'store' || rng.next() >= 0.006) continue;
    const before = 600 + Math.floor(rng.next() * 7200);
    // Same day only: a first order's cancelled attempt must not fall before the member joined.
    if (Math.floor((o.at - before) / 86_400) !== Math.floor(o.at / 86_400)) continue;
    const lines = o.lines.map((l) => ({ ...l }));
    // Often the first attempt had a different quantity or an item the shopper then dropped.
    if (rng.next() < 0.5) lines[0].quantity += 1;
    out.push(newOrder(f, { member: o.member, at: o.at - before, store: o.store, channel: o.channel, kind: 'cancelled', lines }));
  }
  return out;
}

/**
 * One group purchase (团购) of bottled water for a company event, booked by an ordinary member: an
 * extreme amount that a data-quality report should flag and a spend model should not be fooled by.
 */
export function bulkOrder(rng: Random, members: Member[], f: OrderFactory): Order {
  const active = members.filter((m) => m.buys && m.homeStore >= 0 && m.joinDay < 300);
  const m = active[Math.floor(rng.next() * active.length)];
  const day = Math.max(m.joinDay + 1, 440 + Math.floor(rng.next() * 30));
  const product = productIndex('P042');
  return newOrder(f, {
    member: m, at: timeOnDay(rng, day, false), store: STORES[m.homeStore], channel: 'store',
    lines: [{ product, quantity: 150, discount: Math.round(PRODUCTS[product].price * 150 * 0.15) }],
  });
}

/** `count` distinct lines that the export writes twice in a row. */
export function duplicatedLines(rng: Random, sales: Order[], count: number): Set<Line> {
  const out = new Set<Line>();
  while (out.size < count) {
    const o = sales[Math.floor(rng.next() * sales.length)];
    out.add(o.lines[Math.floor(rng.next() * o.lines.length)]);
  }
  return out;
}
