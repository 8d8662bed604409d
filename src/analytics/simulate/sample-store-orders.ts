// When members shop and what they buy: purchase days from each persona's BG/NBD process run on the
// store's business clock (so the CLV models see the process they assume, per customer), payday
// cycles for the rice seller's households, and anonymous walk-in sales at the tills.
import { bgNbdSampler } from './bg-nbd-simulator.ts';
import type { RepeatPurchaseSampler } from './customer-simulator.ts';
import { ONLINE_STORE, STORES } from './sample-store-catalog.ts';
import { BusinessClock, DAYS, dateOf, dayOf, pickWeighted, timeOnDay } from './sample-store-calendar.ts';
import { buildBasket, type Line, type Promotions } from './sample-store-baskets.ts';
import { makeShopper, personaWeights, type Member } from './sample-store-members.ts';
import { PERSONAS, STAPLE_DROPOUT, type PersonaName } from './sample-store-personas.ts';
import type { Random } from './random.ts';

export type Channel = 'store' | 'online' | 'delivery';
export type OrderKind = 'sale' | 'return' | 'cancelled';

export interface Order {
  /** Creation sequence: breaks ties between orders placed in the same second. */
  seq: number;
  member: Member | null;
  /** Seconds since 2024-07-01 00:00:00. */
  at: number;
  store: string;
  channel: Channel;
  lines: Line[];
  kind: OrderKind;
  /** The order a return refers to. */
  original: Order | null;
  /** Assigned once all orders are known, in time order. */
  id: string;
}

export interface OrderFactory {
  next: number;
}

export function newOrder(f: OrderFactory, o: Omit<Order, 'seq' | 'id' | 'original' | 'kind'> & Partial<Pick<Order, 'kind' | 'original'>>): Order {
  return { kind: 'sale', original: null, ...o, seq: f.next++, id: '' };
}

/** Days on which a 'staple' household orders: around its payday each month, skipping a month now and then. */
function paydayDays(rng: Random, m: Member): number[] {
  const days = [m.joinDay];
  const join = dateOf(m.joinDay);
  let y = Number(join.slice(0, 4));
  let mo = Number(join.slice(5, 7));
  while (rng.next() >= STAPLE_DROPOUT) {
    mo += rng.next() < 0.1 ? 2 : 1;
    if (mo > 12) {
      mo -= 12;
      y++;
    }
    const jitter = Math.floor(rng.next() * 6) - 2;
    const day = dayOf(`${y}-${String(mo).padStart(2, '0')}-${String(m.payday).padStart(2, '0')}`) + jitter;
    if (day >= DAYS) break;
    if (day > days[days.length - 1]) days.push(day);
  }
  return days;
}

/**
 * Purchase days of a BG/NBD customer whose first purchase is on `joinDay`: the model's repeat
 * purchase times (FHL 2005 assumptions i–v) are drawn in business weeks from a first purchase at a
 * uniform moment of that day, then mapped back to calendar days.
 */
function bgNbdDays(rng: Random, sampler: RepeatPurchaseSampler, clock: BusinessClock, joinDay: number, times: number[]): number[] {
  const b0 = clock.at(joinDay) + rng.next() * (clock.at(joinDay + 1) - clock.at(joinDay));
  const T = (clock.at(DAYS) - b0) / 7;
  const n = sampler(T, rng, times);
  const days = [joinDay];
  for (let k = 0; k < n; k++) days.push(clock.dayAt(b0 + 7 * times[k]));
  return days;
}

function channelFor(rng: Random, m: Member): [Channel, string] {
  if (m.homeStore < 0) return ['online', ONLINE_STORE];
  if (rng.next() >= m.persona.online) return ['store', STORES[m.homeStore]];
  // Online trips of members near a store: most through the web shop, some as an app delivery from it.
  return rng.next() < 0.7 ? ['online', ONLINE_STORE] : ['delivery', STORES[m.homeStore]];
}

/** Every member's sales, in time order per member (prospects and stale records have none). */
export function memberOrders(rng: Random, members: Member[], clock: BusinessClock, promotions: Promotions, f: OrderFactory): Map<Member, Order[]> {
  const samplers = new Map<PersonaName, RepeatPurchaseSampler>();
  for (const p of PERSONAS) if (p.bgnbd) samplers.set(p.name, bgNbdSampler(p.bgnbd));
  const times: number[] = [];
  const out = new Map<Member, Order[]>();
  for (const m of members) {
    if (!m.buys) continue;
    const sampler = samplers.get(m.persona.name);
    const days = sampler ? bgNbdDays(rng, sampler, clock, m.joinDay, times) : paydayDays(rng, m);
    const orders: Order[] = [];
    days.forEach((day, k) => {
      // Staple households order to the door; everyone else as their channel mix says.
      const [channel, store] = m.persona.name === 'staple' && m.homeStore >= 0 ? (['delivery', STORES[m.homeStore]] as [Channel, string]) : channelFor(rng, m);
      const lines = buildBasket(rng, m, { day, first: k === 0, promotions });
      const at = timeOnDay(rng, day, channel !== 'store');
      orders.push(newOrder(f, { member: m, at, store, channel, lines }));
    });
    orders.sort((a, b) => a.at - b.at || a.seq - b.seq);
    out.set(m, orders);
  }
  return out;
}

/**
 * Sales to shoppers who showed no member card: about one till sale in sixteen, on each store's
 * business days, each a shopper of a random persona with no staples remembered.
 */
export function walkInOrders(rng: Random, scale: number, clock: BusinessClock, promotions: Promotions, f: OrderFactory): Order[] {
  const out: Order[] = [];
  const perDay = 0.15 * scale;
  for (let day = 0; day < DAYS; day++) {
    const busy = clock.at(day + 1) - clock.at(day);
    for (let s = 0; s < STORES.length; s++) {
      const n = rng.poisson(perDay * busy);
      for (let k = 0; k < n; k++) {
        const shopper = makeShopper(rng, PERSONAS[pickWeighted(rng, personaWeights())], false);
        const lines = buildBasket(rng, shopper, { day, first: rng.next() < 0.3, promotions });
        out.push(newOrder(f, { member: null, at: timeOnDay(rng, day, false), store: STORES[s], channel: 'store', lines }));
      }
    }
  }
  return out;
}
