// The bundled sample store (samples/, issue 4 item 6): a Chinese supermarket with an online shop,
// 2,000 members over the two years to 2026-06-30, generated deterministically from a seed so that
// `node scripts/make-sample.ts` rewrites the committed files byte for byte. Pure: files come back
// as strings; the script writes them.
//
// Purchase timing is the BG/NBD process (Fader, Hardie & Lee 2005) per persona, so the CLV models
// meet the kind of data they assume; everything else (baskets, returns, service records, web
// events, dirty member data) is layered on top. See samples/README.md for what each file holds.
import { makePromotions } from './sample-store-baskets.ts';
import { BusinessClock, dayWeights } from './sample-store-calendar.ts';
import { customersCsv, eventsCsv, interactionsCsv, lineAmount, ordersCsv, productsCsv, transactionsCsv } from './sample-store-csv.ts';
import { productEvents, type EventKind, type ProductEvent } from './sample-store-events.ts';
import { HOT_SWISS_ROLL, MOUTAI, PRODUCTS } from './sample-store-catalog.ts';
import { serviceRecords } from './sample-store-interactions.ts';
import { makeMembers, type Member } from './sample-store-members.ts';
import { injectMemberMess, messQuota, type MemberMess } from './sample-store-mess.ts';
import { bulkOrder, cancellations, duplicatedLines, randomReturns } from './sample-store-order-mess.ts';
import { memberOrders, walkInOrders, type Order } from './sample-store-orders.ts';
import { sampleReadme } from './sample-store-readme.ts';
import { complaints, winBack, type InteractionKind } from './sample-store-service.ts';
import { Random } from './random.ts';

export const SAMPLE_FILES = ['customers.csv', 'products.csv', 'orders.csv', 'transactions.csv', 'events.csv', 'interactions.csv', 'README.md'] as const;
export type SampleFile = (typeof SAMPLE_FILES)[number];

export interface SampleStoreOptions {
  /** Default 7 (the committed sample). */
  seed?: number;
  /** Member records, default 2,000; other volumes scale with it. */
  customers?: number;
}

/** What the generator made, counted as it made it; samples/README.md is written from this. */
export interface SampleSummary {
  seed: number;
  members: number;
  buyers: number;
  prospects: number;
  memberMess: MemberMess;
  tiers: Record<string, number>;
  /** Orders by kind, and anonymous (walk-in) sales among the sales. */
  orders: { sales: number; anonymous: number; returns: number; cancelled: number };
  /** Rows of orders.csv, of which written twice, and group-purchase lines (extreme amounts). */
  lines: { rows: number; duplicateRows: number; bulk: number };
  transactions: number;
  complaints: { total: number; open: number; refunds: number; boughtAgain: number; gone: number };
  winBack: { calls: number; cameBack: number };
  interactions: Record<InteractionKind, number>;
  events: Record<EventKind, number>;
  /** The viral Swiss roll and Moutai, measured as the hot-product rule would (domain.md §8). */
  hot: HotProductStats[];
  shape: ShapeStats;
}

export interface HotProductStats {
  productId: string;
  views: number;
  favorites: number;
  carts: number;
  /** Most units sold (sales, members and walk-ins) in one Monday–Sunday week, and in how many weeks ≥ 50. */
  maxWeeklyUnits: number;
  weeksOver50: number;
  /** Of the members who bought it, the share who bought it in their very first order. */
  firstOrderBuyerShare: number;
}

/**
 * Orders and distinct purchase days per member who bought, the share who bought on more than one
 * day (counted by days, as CDNOW and BTYD summaries count purchases), lines per sale.
 */
export interface ShapeStats {
  ordersPerBuyer: number;
  daysPerBuyer: number;
  repeatShare: number;
  linesPerSale: number;
}

function hotProductStats(product: number, orders: readonly Order[], events: readonly ProductEvent[]): HotProductStats {
  const weeks = new Map<number, number>();
  const firstOrder = new Map<Member, Order>();
  const buyers = new Set<Member>();
  let firstTime = 0;
  for (const o of orders) {
    if (o.kind !== 'sale') continue;
    if (o.member && !firstOrder.has(o.member)) firstOrder.set(o.member, o);
    for (const l of o.lines) {
      if (l.product !== product) continue;
      const w = Math.floor(o.at / (7 * 86_400));
      weeks.set(w, (weeks.get(w) ?? 0) + l.quantity);
      if (o.member && !buyers.has(o.member)) {
        buyers.add(o.member);
        if (firstOrder.get(o.member) === o) firstTime++;
      }
    }
  }
  const count = (kind: EventKind) => events.filter((e) => e.product === product && e.event === kind).length;
  return {
    productId: PRODUCTS[product].id,
    views: count('view'),
    favorites: count('favorite'),
    carts: count('cart'),
    maxWeeklyUnits: Math.max(0, ...weeks.values()),
    weeksOver50: [...weeks.values()].filter((u) => u >= 50).length,
    firstOrderBuyerShare: buyers.size ? firstTime / buyers.size : 0,
  };
}

function shapeOf(orders: readonly Order[]): ShapeStats {
  const perMember = new Map<Member, number>();
  const days = new Map<Member, Set<number>>();
  let sales = 0;
  let lines = 0;
  for (const o of orders) {
    if (o.kind !== 'sale') continue;
    sales++;
    lines += o.lines.length;
    if (!o.member) continue;
    perMember.set(o.member, (perMember.get(o.member) ?? 0) + 1);
    days.set(o.member, (days.get(o.member) ?? new Set()).add(Math.floor(o.at / 86_400)));
  }
  const counts = [...perMember.values()];
  const dayCounts = [...days.values()].map((s) => s.size);
  return {
    ordersPerBuyer: counts.reduce((a, b) => a + b, 0) / counts.length,
    daysPerBuyer: dayCounts.reduce((a, b) => a + b, 0) / dayCounts.length,
    repeatShare: dayCounts.filter((c) => c > 1).length / dayCounts.length,
    linesPerSale: lines / sales,
  };
}

export interface SampleStore {
  files: Record<SampleFile, string>;
  summary: SampleSummary;
}

// Net spend (yuan) over the window that earns each tier, as the till's loyalty scheme counts it.
const TIERS: readonly (readonly [string, number])[] = [['platinum', 2700], ['gold', 1500], ['silver', 600]];

/** Same seed and options → the same files, byte for byte. */
export function generateSampleStore(options: SampleStoreOptions = {}): SampleStore {
  const seed = options.seed ?? 7;
  const count = options.customers ?? 2000;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  if (!Number.isSafeInteger(count) || count < 100) throw new RangeError(`customers must be an integer >= 100, got ${count}`);
  // One stream per part, so changing how one part draws leaves the others' data as it was.
  const stream = (k: number) => new Random((BigInt(seed) << 8n) | BigInt(k));
  const scale = count / 2000;
  const quota = messQuota(count);

  const members = makeMembers(stream(1), count, quota.stale);
  const memberMess = injectMemberMess(stream(2), members);
  const clock = new BusinessClock(dayWeights());
  const promotions = makePromotions(stream(3));
  const factory = { next: 0 };
  const byMember = memberOrders(stream(4), members, clock, promotions, factory);
  const complained = complaints(stream(5), byMember, factory);
  const wonBack = winBack(stream(6), byMember, promotions, factory);

  const mess = stream(7);
  const sales = [...byMember.values()].flat();
  const complainedOrders = new Set(complained.records.flatMap((r) => (r.order ? [r.order] : [])));
  const returns = [...randomReturns(mess, sales, complainedOrders, factory), ...complained.returns];
  const cancelled = cancellations(mess, sales, factory);
  const bulk = bulkOrder(mess, members, factory);
  const duplicated = duplicatedLines(mess, sales, Math.max(1, Math.round(9 * scale)));
  for (const o of [...returns, ...cancelled, bulk]) if (o.member) byMember.get(o.member)?.push(o);
  for (const list of byMember.values()) list.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const walkIns = walkInOrders(stream(8), scale, clock, promotions, factory);

  const tiers: Record<string, number> = { regular: 0, silver: 0, gold: 0, platinum: 0 };
  for (const m of members) {
    const spend = (byMember.get(m) ?? []).filter((o) => o.kind !== 'cancelled').reduce((s, o) => s + o.lines.reduce((t, l) => t + lineAmount(l), 0), 0) / 100;
    m.tier = TIERS.find(([, min]) => spend >= min)?.[0] ?? 'regular';
    tiers[m.tier]++;
  }

  const records = [...complained.records, ...wonBack.calls, ...serviceRecords(stream(9), members, byMember, complained.records)];
  // Plain code-unit comparison, not localeCompare: the order must not depend on the ICU build.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  records.sort((a, b) => a.at - b.at || cmp(a.member.id, b.member.id) || cmp(a.kind, b.kind));
  const events = productEvents(stream(10), members, byMember, scale);

  // `sales` already holds the won-back orders (winBack adds them to the members' lists).
  const all: Order[] = [...sales, ...returns, ...cancelled, bulk, ...walkIns];
  all.sort((a, b) => a.at - b.at || a.seq - b.seq);
  all.forEach((o, k) => (o.id = `${o.kind === 'cancelled' ? 'C' : ''}${100001 + k}`));

  const files: Record<SampleFile, string> = {
    'customers.csv': customersCsv(members),
    'products.csv': productsCsv(),
    'orders.csv': ordersCsv(all, duplicated),
    'transactions.csv': transactionsCsv(all),
    'events.csv': eventsCsv(events),
    'interactions.csv': interactionsCsv(records),
    'README.md': '',
  };
  const interactions: Record<InteractionKind, number> = { call: 0, visit: 0, complaint: 0, survey: 0 };
  for (const r of records) interactions[r.kind]++;
  const eventCounts: Record<EventKind, number> = { view: 0, favorite: 0, cart: 0 };
  for (const e of events) eventCounts[e.event]++;
  const summary: SampleSummary = {
    seed,
    members: members.length,
    buyers: members.filter((m: Member) => (byMember.get(m)?.length ?? 0) > 0).length,
    prospects: members.filter((m) => !m.buys && !m.stale).length,
    memberMess,
    tiers,
    orders: {
      sales: all.filter((o) => o.kind === 'sale').length,
      anonymous: walkIns.length,
      returns: returns.length,
      cancelled: cancelled.length,
    },
    lines: { rows: all.reduce((s, o) => s + o.lines.length, 0) + duplicated.size, duplicateRows: duplicated.size, bulk: bulk.lines.length },
    transactions: all.filter((o) => o.member && o.kind === 'sale').length,
    complaints: {
      total: complained.records.length,
      open: complained.records.filter((r) => r.status === 'open').length,
      refunds: complained.returns.length,
      // Counted on the finished orders: a complainer who left may still answer a win-back call.
      boughtAgain: complained.records.filter((r) => (byMember.get(r.member) ?? []).some((o) => o.kind === 'sale' && o.at > r.at)).length,
      gone: complained.records.filter((r) => !(byMember.get(r.member) ?? []).some((o) => o.kind === 'sale' && o.at > r.at)).length,
    },
    winBack: { calls: wonBack.calls.length, cameBack: wonBack.cameBack },
    interactions,
    events: eventCounts,
    hot: [hotProductStats(HOT_SWISS_ROLL, all, events), hotProductStats(MOUTAI, all, events)],
    shape: shapeOf(all),
  };
  files['README.md'] = sampleReadme(summary, files);
  return { files, summary };
}
