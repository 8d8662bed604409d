// The sample store's tables as CSV text: UTF-8, a header row, LF line ends, RFC 4180 quoting only
// where a field needs it (a comma, quote or line break), money in yuan with two decimals.
import { CATEGORY_ZH, PRODUCTS } from './sample-store-catalog.ts';
import { dateOf, timestampOf } from './sample-store-calendar.ts';
import type { Line } from './sample-store-baskets.ts';
import type { ProductEvent } from './sample-store-events.ts';
import type { Member } from './sample-store-members.ts';
import type { Order } from './sample-store-orders.ts';
import type { Interaction } from './sample-store-service.ts';

type Cell = string | number | null;

const field = (v: Cell): string => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** CSV text of a header and rows. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const out = [header.map(field).join(',')];
  for (const r of rows) out.push(r.map(field).join(','));
  return out.join('\n') + '\n';
}

/** Fen as yuan with two decimals ("-27.00"), exact for any safe integer. */
export function yuan(fen: number): string {
  const a = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** A line's amount in fen: quantity × unit price − discount (negative for returns). */
export const lineAmount = (l: Line): number => l.quantity * PRODUCTS[l.product].price - l.discount;

export function customersCsv(members: readonly Member[]): string {
  return toCsv(
    ['customer_id', 'name', 'gender', 'birthday', 'phone', 'email', 'city', 'join_date', 'tier', 'origin_channel', 'updated_at'],
    members.map((m) => [m.id, m.name, m.gender, m.birthday, m.phone, m.email, m.city, dateOf(m.joinDay), m.tier, m.origin, dateOf(m.updatedDay)]),
  );
}

export function productsCsv(): string {
  return toCsv(
    ['product_id', 'name', 'name_en', 'category', 'category_zh', 'price', 'cost'],
    PRODUCTS.map((p) => [p.id, p.name, p.nameEn, p.category, CATEGORY_ZH[p.category], yuan(p.price), yuan(p.cost)]),
  );
}

/** Order lines in order-id (time) order; lines in `duplicated` are written twice in a row. */
export function ordersCsv(orders: readonly Order[], duplicated: ReadonlySet<Line>): string {
  const rows: Cell[][] = [];
  for (const o of orders) {
    for (const l of o.lines) {
      const row = [o.id, o.member?.id ?? '', timestampOf(o.at), PRODUCTS[l.product].id, l.quantity, yuan(PRODUCTS[l.product].price),
        yuan(l.discount), o.store, o.channel, o.original?.id ?? ''];
      rows.push(row);
      if (duplicated.has(l)) rows.push(row);
    }
  }
  return toCsv(['order_id', 'customer_id', 'order_date', 'product_id', 'quantity', 'unit_price', 'discount', 'store', 'channel', 'original_order_id'], rows);
}

/**
 * The clean purchase log the README's first command reads: one row per member sale (not cancelled,
 * not a return), amount = the order's total (each line once, however often the export wrote it).
 * Returns and cancellations stay in orders.csv, where the import has to recognise them; here they
 * would be negative or void purchases that a spend model must not see.
 */
export function transactionsCsv(orders: readonly Order[]): string {
  const rows: Cell[][] = [];
  for (const o of orders) {
    if (!o.member || o.kind !== 'sale') continue;
    rows.push([o.member.id, timestampOf(o.at).slice(0, 10), yuan(o.lines.reduce((s, l) => s + lineAmount(l), 0))]);
  }
  return toCsv(['customer_id', 'date', 'amount'], rows);
}

export function eventsCsv(events: readonly ProductEvent[]): string {
  return toCsv(
    ['customer_id', 'visitor_id', 'product_id', 'event', 'occurred_at'],
    events.map((e) => [e.member?.id ?? '', e.visitor, PRODUCTS[e.product].id, e.event, timestampOf(e.at)]),
  );
}

export function interactionsCsv(records: readonly Interaction[]): string {
  return toCsv(
    ['customer_id', 'kind', 'occurred_at', 'channel', 'subject', 'body', 'score', 'satisfaction', 'status', 'resolved_at', 'order_id'],
    records.map((r) => [r.member.id, r.kind, timestampOf(r.at), r.channel, r.subject, r.body, r.score, r.satisfaction, r.status,
      r.resolvedAt === null ? '' : timestampOf(r.resolvedAt), r.order?.id ?? '']),
  );
}
