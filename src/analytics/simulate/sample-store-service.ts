// Service events that change what customers do next: complaints (handled fast, slowly or never,
// and customers who leave after a badly handled one) and win-back calls to lapsed members (some of
// whom come back). Both add or remove purchases, so they run before the order file is finished.
import { buildBasket, type Promotions } from './sample-store-baskets.ts';
import { PRODUCTS } from './sample-store-catalog.ts';
import { awake, DAYS, pickWeighted, timeOnDay } from './sample-store-calendar.ts';
import type { Member } from './sample-store-members.ts';
import { makeReturn } from './sample-store-order-mess.ts';
import { newOrder, type Order, type OrderFactory } from './sample-store-orders.ts';
import { CALLS, COMPLAINT_MIX, COMPLAINTS, RESOLUTIONS } from './sample-store-texts.ts';
import type { Random } from './random.ts';

export type InteractionKind = 'call' | 'visit' | 'complaint' | 'survey';

export interface Interaction {
  member: Member;
  kind: InteractionKind;
  at: number;
  channel: string;
  subject: string;
  body: string;
  score: number | null;
  satisfaction: number | null;
  status: string;
  resolvedAt: number | null;
  order: Order | null;
}

const HOUR = 3600;
const END = DAYS * 86_400;

export function interaction(member: Member, kind: InteractionKind, at: number, channel: string, subject: string, body: string): Interaction {
  return { member, kind, at, channel, subject, body, score: null, satisfaction: null, status: '', resolvedAt: null, order: null };
}

export const pickOne = <T>(rng: Random, items: readonly T[]): T => items[Math.floor(rng.next() * items.length)];

export interface ComplaintOutcome {
  records: Interaction[];
  /** Refunds granted for complaints about a product. */
  returns: Order[];
}

/**
 * About one sale in seventy draws a complaint (at most one per member), 1–72 hours later. Handling:
 * 55 % within a day, 30 % within a week, 15 % never (still open). After a fast answer one
 * complainer in ten leaves, after a slow one four in ten, when ignored seven in ten (their later
 * purchases are removed): the "tolerance of quality incidents" a loyalty measure looks for.
 */
export function complaints(rng: Random, orders: Map<Member, Order[]>, f: OrderFactory): ComplaintOutcome {
  const out: ComplaintOutcome = { records: [], returns: [] };
  for (const [m, list] of orders) {
    const k = list.findIndex(() => rng.next() < 0.014);
    if (k < 0) continue;
    const order = list[k];
    // People complain while awake: a night-time moment moves to the next morning.
    const at = awake(rng, order.at + HOUR + Math.floor(rng.next() * 71 * HOUR));
    if (at >= END) continue;
    const mix = COMPLAINT_MIX[order.channel === 'store' ? 'store' : 'remote'];
    const type = COMPLAINTS[mix[pickWeighted(rng, mix.map(([, w]) => w))][0]];
    const line = pickOne(rng, order.lines);
    const u = rng.next();
    const delay = u < 0.55 ? HOUR + rng.next() * 23 * HOUR : u < 0.85 ? 24 * HOUR + rng.next() * 144 * HOUR : Infinity;
    const resolvedAt = at + delay < END ? at + Math.floor(delay) : null;
    const channel = order.channel === 'store' ? pickOne(rng, ['store', 'phone']) : pickOne(rng, ['app', 'phone', 'phone', 'wechat']);
    let body = pickOne(rng, type.bodies).replace('{p}', PRODUCTS[line.product].name);
    if (resolvedAt !== null) body += type.refundable ? pickOne(rng, RESOLUTIONS.slice(0, 2)) : type.subject === '积分问题' ? RESOLUTIONS[3] : RESOLUTIONS[2];
    const record = interaction(m, 'complaint', at, channel, type.subject, body);
    record.status = resolvedAt === null ? 'open' : 'resolved';
    record.resolvedAt = resolvedAt;
    record.order = order;
    out.records.push(record);
    if (resolvedAt !== null && type.refundable && rng.next() < 0.6) out.returns.push(makeReturn(rng, f, order, line, resolvedAt));
    const leaves = rng.next() < (delay < 24 * HOUR ? 0.1 : resolvedAt !== null ? 0.4 : 0.7);
    if (leaves) {
      const later = list.findIndex((o) => o.at > at);
      if (later >= 0) list.splice(later);
    }
  }
  return out;
}

export interface WinBackOutcome {
  calls: Interaction[];
  orders: Order[];
  cameBack: number;
}

/**
 * Win-back calls (挽回) to six in ten members who bought at least three times and then nothing for
 * 150–200 days; one in four comes back within three weeks with one more purchase.
 */
export function winBack(rng: Random, orders: Map<Member, Order[]>, promotions: Promotions, f: OrderFactory): WinBackOutcome {
  const out: WinBackOutcome = { calls: [], orders: [], cameBack: 0 };
  for (const [m, list] of orders) {
    if (list.length < 3 || rng.next() >= 0.6) continue;
    const last = list[list.length - 1];
    // Office hours, 10:00–18:00, of a day 150–200 days after the last purchase.
    const at = (Math.floor(last.at / 86_400) + 150 + Math.floor(rng.next() * 50)) * 86_400 + 10 * HOUR + Math.floor(rng.next() * 8 * HOUR);
    if (at >= END - 21 * 86_400) continue;
    const back = rng.next() < 0.25;
    out.calls.push(interaction(m, 'call', at, 'phone', CALLS.winBack.subject, back ? CALLS.winBack.back : pickOne(rng, CALLS.winBack.lost)));
    if (!back) continue;
    const day = Math.floor(at / 86_400) + 3 + Math.floor(rng.next() * 18);
    const o = newOrder(f, {
      member: m, at: timeOnDay(rng, day, last.channel !== 'store'), store: last.store, channel: last.channel,
      lines: buildBasket(rng, m, { day, first: false, promotions }),
    });
    list.push(o);
    out.orders.push(o);
    out.cameBack++;
  }
  return out;
}
