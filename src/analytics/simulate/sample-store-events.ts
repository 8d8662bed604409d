// Web-shop product events: views, favourites (收藏) and add-to-cart, by members (who are logged in)
// and anonymous visitors (a cookie id). Views come before online purchases and in browsing sessions;
// the viral Swiss roll and Moutai draw crowds of viewers, enough for the hot-product rule's
// thresholds (views ≥ 3000, favourites ≥ 500, domain.md §8).
import { HOT_SWISS_ROLL, MOUTAI, PRODUCTS, SWISS_ROLL_LAUNCH } from './sample-store-catalog.ts';
import { DAYS, pickWeighted, seasonsOn } from './sample-store-calendar.ts';
import type { Member } from './sample-store-members.ts';
import type { Order } from './sample-store-orders.ts';
import type { Random } from './random.ts';

export type EventKind = 'view' | 'favorite' | 'cart';

export interface ProductEvent {
  member: Member | null;
  visitor: string;
  product: number;
  event: EventKind;
  at: number;
}

const DAY = 86_400;

class Visitors {
  private count = 0;
  private readonly rng: Random;
  constructor(rng: Random) {
    this.rng = rng;
  }
  /** A new cookie id, or (share `reuse`) one seen before. */
  get(reuse = 0): string {
    const n = this.count > 0 && this.rng.next() < reuse ? 1 + Math.floor(this.rng.next() * this.count) : ++this.count;
    return `V${String(n).padStart(7, '0')}`;
  }
}

export function productEvents(rng: Random, members: Member[], orders: Map<Member, Order[]>, scale: number): ProductEvent[] {
  const out: ProductEvent[] = [];
  const visitors = new Visitors(rng);
  const push = (member: Member | null, visitor: string, product: number, event: EventKind, at: number) => {
    if (at >= 0 && at < DAYS * DAY) out.push({ member, visitor, product, event, at });
  };
  // What people look at follows what sells, with a floor so that slow sellers are seen too.
  const units = new Array<number>(PRODUCTS.length).fill(20);
  for (const list of orders.values()) for (const o of list) for (const l of o.lines) units[l.product] += Math.max(0, l.quantity);
  units[HOT_SWISS_ROLL] = 0;
  units[MOUTAI] = 0;
  const session = (member: Member | null, visitor: string, day: number) => {
    let at = day * DAY + 8 * 3600 + Math.floor(rng.next() * 15 * 3600);
    for (let k = 1 + rng.poisson(1.2); k > 0; k--) {
      const p = pickWeighted(rng, units);
      push(member, visitor, p, 'view', at);
      if (rng.next() < 0.06) push(member, visitor, p, 'favorite', at + 20);
      if (rng.next() < 0.02) push(member, visitor, p, 'cart', at + 40);
      at += 30 + Math.floor(rng.next() * 240);
    }
  };

  for (const m of members) {
    const list = orders.get(m) ?? [];
    for (const o of list) {
      if (o.channel === 'store' || o.kind !== 'sale') continue;
      for (const l of o.lines) {
        const viewed = o.at - 300 - Math.floor(rng.next() * 3 * DAY);
        if (rng.next() < 0.7) {
          push(m, '', l.product, 'view', viewed);
          if (rng.next() < 0.04) push(m, '', l.product, 'favorite', viewed + 30);
        }
        if (rng.next() < 0.08) push(m, '', l.product, 'cart', o.at - 60 - Math.floor(rng.next() * 1740));
      }
    }
    if (m.stale) continue;
    // Browsing without buying, more for members who shop online; prospects browse too.
    const sessions = rng.poisson(m.persona.online * list.length * 0.35 + 0.3);
    for (let k = 0; k < sessions; k++) session(m, '', m.joinDay + Math.floor(rng.next() * (DAYS - m.joinDay)));
  }
  for (let v = Math.round(1200 * scale); v > 0; v--) {
    const id = visitors.get();
    for (let s = 1 + rng.poisson(0.4); s > 0; s--) session(null, id, Math.floor(rng.next() * DAYS));
  }

  // The crowds: the Swiss roll from its launch (word of mouth builds over three weeks), Moutai all
  // year and three times as much before the Spring Festival, when it is the gift everyone prices.
  // Members are in join order, so those who had joined by `day` are the first `joined`.
  let joined = 0;
  const crowd = (product: number, day: number, rate: number, favourite: number, cart: number) => {
    for (let n = rng.poisson(rate * scale); n > 0; n--) {
      const at = day * DAY + 7 * 3600 + Math.floor(rng.next() * 17 * 3600);
      const member = joined > 0 && rng.next() < 0.3 ? members[Math.floor(rng.next() * joined)] : null;
      const visitor = member ? '' : visitors.get(0.3);
      push(member, visitor, product, 'view', at);
      if (rng.next() < favourite) push(member, visitor, product, 'favorite', at + 15);
      if (rng.next() < cart) push(member, visitor, product, 'cart', at + 45);
    }
  };
  for (let day = 0; day < DAYS; day++) {
    while (joined < members.length && members[joined].joinDay <= day) joined++;
    if (day >= SWISS_ROLL_LAUNCH) crowd(HOT_SWISS_ROLL, day, 35 * Math.min(1, (day - SWISS_ROLL_LAUNCH + 7) / 21), 0.17, 0.05);
    crowd(MOUTAI, day, seasonsOn(day).includes('spring-festival') ? 12.6 : 4.2, 0.17, 0.01);
  }
  return out.map((e, i) => ({ e, i })).sort((x, y) => x.e.at - y.e.at || x.i - y.i).map(({ e }) => e);
}
