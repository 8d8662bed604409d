// What goes into one basket: due staples, one or more shopping missions with their companions,
// festival goods, the viral Swiss roll, the odd bottle of Moutai, and promotions that price-sensitive
// shoppers chase. Quantities and discounts in whole units and fen.
import {
  fruitWeight, HOT_SWISS_ROLL, MISSIONS, MOUTAI, PRODUCTS, productIndex, SEASON_GOODS, SWISS_ROLL_LAUNCH, type Choice,
} from './sample-store-catalog.ts';
import { DAYS, dateOf, pickWeighted, seasonsOn } from './sample-store-calendar.ts';
import type { Shopper } from './sample-store-members.ts';
import type { Random } from './random.ts';

/** One order line: quantity (negative on returns) and the discount in fen on the whole line. */
export interface Line {
  product: number;
  quantity: number;
  discount: number;
}

/** Promotions by week (week = day div 7): product index → discount rate. */
export type Promotions = Map<number, number>[];

/**
 * About one product in twelve is on promotion in a week, at 10–30 % off; festival goods are promoted
 * in their run-up. The viral Swiss roll and Moutai never are (they sell anyway).
 */
export function makePromotions(rng: Random): Promotions {
  const weeks: Promotions = [];
  for (let w = 0; w * 7 < DAYS; w++) {
    const promo = new Map<number, number>();
    const seasons = seasonsOn(w * 7 + 3);
    for (let p = 0; p < PRODUCTS.length; p++) {
      if (p === HOT_SWISS_ROLL || p === MOUTAI) continue;
      const seasonal = seasons.some((s) => (SEASON_GOODS[s] ?? []).includes(PRODUCTS[p].id));
      if (rng.next() < (seasonal ? 0.5 : 0.08)) promo.set(p, [0.1, 0.15, 0.2, 0.3][pickWeighted(rng, [3, 3, 3, 1])]);
    }
    weeks.push(promo);
  }
  return weeks;
}

const month = (day: number): number => Number(dateOf(day).slice(5, 7));

/** One product from a choice, by the shopper's price taste, promotions, season and brand loyalty. */
function choose(rng: Random, s: Shopper, choice: Choice, promo: Map<number, number>, day: number): number {
  const key = choice.join(',');
  const last = s.brands.get(key);
  if (last !== undefined && rng.next() < s.persona.loyalty) return last;
  const options = choice.map(productIndex);
  const weights = options.map((p) => {
    const product = PRODUCTS[p];
    let w = Math.pow(product.price / 1000, s.persona.taste);
    if (promo.has(p)) w *= 1 + s.persona.promo;
    if (product.category === 'fruit') w *= fruitWeight(product.id, month(day));
    return w;
  });
  const picked = options[pickWeighted(rng, weights)];
  s.brands.set(key, picked);
  return picked;
}

/** Units of a product on one line: packs come one at a time, vegetables and snacks by the handful. */
function quantity(rng: Random, product: number): number {
  const u = rng.next();
  switch (PRODUCTS[product].category) {
    case 'vegetables':
    case 'fruit':
      return u < 0.6 ? 1 : u < 0.9 ? 2 : 3;
    case 'snacks':
      return u < 0.65 ? 1 : u < 0.9 ? 2 : 3;
    case 'gifts':
      // Gift boxes go to relatives and colleagues.
      return u < 0.4 ? 1 : u < 0.7 ? 2 : u < 0.9 ? 3 : 4;
    default:
      return product === MOUTAI ? (u < 0.6 ? 1 : 2) : u < 0.87 ? 1 : 2;
  }
}

export interface BasketContext {
  day: number;
  /** True for the member's first order: newcomers drawn by the viral Swiss roll buy it then. */
  first: boolean;
  promotions: Promotions;
}

/** The lines of one purchase trip (at least one). Updates the shopper's staple and brand memory. */
export function buildBasket(rng: Random, s: Shopper, ctx: BasketContext): Line[] {
  const { day } = ctx;
  const promo = ctx.promotions[Math.floor(day / 7)];
  const picked = new Map<number, number>();
  const add = (p: number, q = quantity(rng, p)) => {
    if (!picked.has(p)) picked.set(p, q);
  };

  // Staples when the household is about to run out (rice seller's story): a personal cycle with
  // ±15 % slack, since people top up a little early or late.
  for (const h of s.habits) {
    const due = h.last < 0 ? rng.next() < 0.6 : day - h.last >= h.interval * (0.85 + 0.3 * rng.next());
    if (due && rng.next() < 0.92) {
      add(h.product, h.staple.name === 'milk' && rng.next() < 0.3 ? 2 : 1);
      h.last = day;
    }
  }

  const missions = rng.poisson(s.persona.extraMissions) + (picked.size > 0 ? 0 : 1);
  for (let k = 0; k < missions; k++) {
    const mission = MISSIONS[pickWeighted(rng, s.missionWeights)];
    add(choose(rng, s, mission.anchor, promo, day));
    for (const [choice, p] of mission.companions) if (rng.next() < p) add(choose(rng, s, choice, promo, day));
  }

  for (const season of seasonsOn(day)) {
    const goods = SEASON_GOODS[season];
    if (goods && rng.next() < (s.persona.name === 'premium' ? 0.35 : 0.2)) add(choose(rng, s, goods, promo, day));
  }
  if (day >= SWISS_ROLL_LAUNCH && rng.next() < (ctx.first ? 0.65 : 0.4)) add(HOT_SWISS_ROLL, rng.next() < 0.5 ? 1 : 2);
  const moutai = (s.persona.name === 'premium' ? 0.004 : 0.0004) * (seasonsOn(day).includes('spring-festival') ? 6 : 1);
  if (rng.next() < moutai) add(MOUTAI);
  // Price-sensitive shoppers pick up whatever is on offer.
  if (promo.size > 0 && rng.next() < 0.05 * s.persona.promo) add([...promo.keys()][Math.floor(rng.next() * promo.size)]);

  const lines: Line[] = [];
  for (const [product, q] of picked) {
    const rate = promo.get(product) ?? 0;
    lines.push({ product, quantity: q, discount: Math.round(PRODUCTS[product].price * q * rate) });
  }
  return lines;
}
