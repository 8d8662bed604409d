// The sample store's members: who they are (identity, contact data, home store), when they joined,
// and the hidden traits that drive their shopping (persona, mission tastes, staples on a cycle).
import { MISSIONS, PRODUCTS, productIndex, STAPLES, SWISS_ROLL_LAUNCH, type Staple } from './sample-store-catalog.ts';
import { DAYS, dayOf, pickWeighted, seasonsOn } from './sample-store-calendar.ts';
import { makeBirthday, makeCity, makeEmail, makeIdentity, makePhone } from './sample-store-people.ts';
import { PERSONAS, type Persona } from './sample-store-personas.ts';
import type { Random } from './random.ts';

/** A staple the household re-buys every `interval` days; `last` is the day of the last purchase. */
export interface StapleHabit {
  staple: Staple;
  product: number;
  interval: number;
  last: number;
}

/** What decides a shopper's baskets; walk-in shoppers have one too, without staples. */
export interface Shopper {
  persona: Persona;
  missionWeights: number[];
  /** Last product chosen per choice (key: the choice's ids joined), for brand loyalty. */
  brands: Map<string, number>;
  habits: StapleHabit[];
  baby: boolean;
}

export interface Member extends Shopper {
  id: string;
  name: string;
  gender: '' | 'F' | 'M';
  birthday: string;
  phone: string;
  email: string;
  city: string;
  joinDay: number;
  updatedDay: number;
  origin: string;
  /** Index into STORES, or −1 for members who only buy online. */
  homeStore: number;
  /** False for prospects (registered, never bought) and stale records. */
  buys: boolean;
  stale: boolean;
  /** Day of the month 'staple' households order (their payday). */
  payday: number;
  /** Latent satisfaction (standard normal scale) behind survey answers. */
  satisfaction: number;
  tier: string;
}

/** Share of members who registered (often online, for a coupon) and never bought: prospects. */
const PROSPECT_SHARE = 0.05;

// New members per day: the membership system went live with the window (existing shoppers signed up
// in its first two months), then a steady flow with Double 11 and Spring Festival peaks, and a wave
// of newcomers drawn by the viral Swiss roll from spring 2026.
function joinWeights(): number[] {
  const w: number[] = [];
  for (let d = 0; d < DAYS; d++) {
    let v = d < 60 ? 5 : 1;
    const s = seasonsOn(d);
    if (s.includes('double-11')) v *= 2;
    if (s.includes('spring-festival')) v *= 1.5;
    if (d >= SWISS_ROLL_LAUNCH) v *= 2.2;
    w.push(v);
  }
  return w;
}

export function personaWeights(): number[] {
  return PERSONAS.map((p) => p.share);
}

/** A shopper's own mission weights: the persona's, each scaled by Gamma(2, 2) noise (mean 1). */
export function makeShopper(rng: Random, persona: Persona, withHabits: boolean): Shopper {
  const baby = rng.next() < persona.baby;
  const missionWeights = MISSIONS.map((m) => (m.name === 'baby' && !baby ? 0 : (persona.missions[m.name] ?? 1) * rng.gamma(2, 2)));
  const habits: StapleHabit[] = [];
  if (withHabits) {
    for (const staple of STAPLES) {
      if (staple.name === 'diapers' && !baby) continue;
      if (rng.next() >= (persona.staples[staple.name] ?? 0)) continue;
      const options = staple.choice.map(productIndex);
      const product = options[pickWeighted(rng, options.map((i) => Math.pow(PRODUCTS[i].price, persona.taste)))];
      // A 10 kg bag lasts about twice as long as a 5 kg one.
      const scale = PRODUCTS[product].id === 'P003' ? 1.8 : 1;
      const interval = Math.round(scale * (staple.days[0] + rng.next() * (staple.days[1] - staple.days[0])));
      habits.push({ staple, product, interval, last: -1 });
    }
  }
  return { persona, missionWeights, brands: new Map(), habits, baby };
}

function originChannel(rng: Random, homeStore: number): string {
  return homeStore >= 0
    ? ['store', 'wechat', 'app', 'referral'][pickWeighted(rng, [60, 25, 8, 7])]
    : ['wechat', 'app', 'website', 'referral'][pickWeighted(rng, [45, 30, 20, 5])];
}

function homeStoreOf(rng: Random, city: string): number {
  if (city === '上海') return rng.next() < 0.55 ? 0 : 1;
  if (city === '苏州' || city === '昆山') return 2;
  return -1;
}

function makeMember(rng: Random, joinDay: number, stale: boolean, joinW: number[]): Member {
  const persona = PERSONAS[pickWeighted(rng, personaWeights())];
  const shopper = makeShopper(rng, persona, true);
  const gender = rng.next() < 0.6 ? 'F' : 'M';
  const identity = makeIdentity(rng, gender);
  const age = Math.max(18, Math.min(82, Math.round(rng.normal(persona.age[0], persona.age[1]))));
  const birthday = makeBirthday(rng, age);
  const city = makeCity(rng);
  const homeStore = homeStoreOf(rng, city);
  const day = stale ? joinDay : pickWeighted(rng, joinW);
  // Profiles get touched (new address, phone) now and then; many never after joining.
  const updatedDay = stale
    ? day + Math.floor(rng.next() * Math.max(1, dayOf('2022-12-31') - day))
    : rng.next() < 0.55 ? day + Math.floor(rng.next() * (DAYS - day)) : day;
  return {
    ...shopper,
    id: '',
    name: identity.name,
    gender,
    birthday,
    phone: '',
    email: rng.next() < 0.45 ? makeEmail(rng, identity, Number(birthday.slice(0, 4))) : '',
    city,
    joinDay: day,
    updatedDay,
    origin: originChannel(rng, homeStore),
    homeStore,
    buys: !stale && rng.next() >= PROSPECT_SHARE,
    stale,
    payday: [1, 5, 10, 15, 20, 25][Math.floor(rng.next() * 6)],
    satisfaction: rng.normal(persona.satisfaction, 1),
    tier: 'regular',
  };
}

/**
 * `count` members, `stale` of them old records from the card system the store used before 2023
 * (joined 2019–2022, never updated since, no purchase in the window). Ids M000001… follow join
 * order, as a till issuing card numbers would. Phones are unique here; duplicates come later.
 */
export function makeMembers(rng: Random, count: number, stale: number): Member[] {
  const joinW = joinWeights();
  const taken = new Set<string>();
  const members: Member[] = [];
  const oldFrom = dayOf('2019-03-01');
  const oldTo = dayOf('2022-06-30');
  for (let i = 0; i < count; i++) {
    const isStale = i < stale;
    const joinDay = isStale ? oldFrom + Math.floor(rng.next() * (oldTo - oldFrom)) : -1;
    const m = makeMember(rng, joinDay, isStale, joinW);
    m.phone = makePhone(rng, taken);
    members.push(m);
  }
  const order = members.map((m, i) => ({ m, i })).sort((x, y) => x.m.joinDay - y.m.joinDay || x.i - y.i);
  return order.map(({ m }, k) => {
    m.id = `M${String(k + 1).padStart(6, '0')}`;
    return m;
  });
}
