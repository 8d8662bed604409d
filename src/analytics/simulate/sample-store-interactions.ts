// The rest of the service record: satisfaction surveys with NPS scores, care calls (birthdays,
// regular revisits of the best members, replenishment reminders, complaint follow-ups), inbound
// questions, and visits to the service desk or by an account manager.
import { PRODUCTS } from './sample-store-catalog.ts';
import { awake, DAYS, dayOf } from './sample-store-calendar.ts';
import type { Member } from './sample-store-members.ts';
import { PLACEHOLDER_BIRTHDAY } from './sample-store-mess.ts';
import type { Order } from './sample-store-orders.ts';
import { interaction, pickOne, type Interaction } from './sample-store-service.ts';
import { CALLS, SURVEY_COMMENTS, VISITS } from './sample-store-texts.ts';
import type { Random } from './random.ts';

const DAY = 86_400;
const END = DAYS * DAY;
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
/** A moment in office hours (9:00–18:00) of `day`. */
const officeTime = (rng: Random, day: number) => day * DAY + 9 * 3600 + Math.floor(rng.next() * 9 * 3600);

/**
 * Answers to the post-purchase survey (about one sale in fourteen): "how likely are you to
 * recommend us" 0–10 and satisfaction 1–5, both from the member's latent satisfaction, a little
 * higher the more they buy (satisfied customers come back), much lower after a complaint.
 * Satisfaction and loyalty are related but not the same, so all four Jones & Sasser quadrants occur.
 */
function surveys(rng: Random, m: Member, list: Order[], complainedAt: number): Interaction[] {
  const out: Interaction[] = [];
  const loyalty = 0.3 * (Math.log1p(list.length) - 1.2);
  for (const o of list) {
    if (o.kind !== 'sale' || rng.next() >= 0.07) continue;
    const at = awake(rng, o.at + DAY + Math.floor(rng.next() * 2 * DAY));
    if (at >= END) continue;
    const s = m.satisfaction + loyalty - (complainedAt < at ? 1.3 : 0) + rng.normal(0, 0.6);
    const score = clamp(Math.round(7.6 + 1.7 * s), 0, 10);
    const band = score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
    const comments = band === 'detractor' && complainedAt >= at ? SURVEY_COMMENTS.detractor.slice(0, 3) : SURVEY_COMMENTS[band];
    const store = o.channel === 'store';
    const r = interaction(m, 'survey', at, store ? pickOne(rng, ['sms', 'wechat']) : pickOne(rng, ['app', 'wechat']),
      store ? '购物满意度调查' : '配送满意度调查', pickOne(rng, comments));
    r.score = score;
    r.satisfaction = clamp(Math.round(3.7 + 0.85 * s + rng.normal(0, 0.35)), 1, 5);
    r.order = o;
    out.push(r);
  }
  return out;
}

/** Birthday greetings and regular revisits for gold and platinum members who are still buying. */
function careCalls(rng: Random, m: Member, list: Order[]): Interaction[] {
  if (m.tier !== 'gold' && m.tier !== 'platinum') return [];
  const out: Interaction[] = [];
  const activeOn = (day: number) => list.some((o) => o.at <= day * DAY && o.at > (day - 365) * DAY);
  if (/^\d{4}-\d{2}-\d{2}$/.test(m.birthday) && m.birthday !== PLACEHOLDER_BIRTHDAY && m.birthday <= '2026-06-30') {
    for (const year of [2024, 2025, 2026]) {
      const day = dayOf(`${year}${m.birthday.slice(4)}`);
      if (day > m.joinDay && day < DAYS && activeOn(day)) out.push(interaction(m, 'call', officeTime(rng, day), 'phone', CALLS.birthday.subject, CALLS.birthday.body));
    }
  }
  for (let day = m.joinDay + 60 + Math.floor(rng.next() * 40); day < DAYS; day += 80 + Math.floor(rng.next() * 40)) {
    if (activeOn(day) && rng.next() < 0.7) out.push(interaction(m, 'call', officeTime(rng, day), 'phone', CALLS.revisit.subject, pickOne(rng, CALLS.revisit.bodies)));
  }
  if (m.tier === 'platinum') {
    for (let k = 0; k < 2; k++) {
      const day = m.joinDay + 30 + Math.floor(rng.next() * Math.max(1, DAYS - m.joinDay - 30));
      if (day < DAYS && activeOn(day)) out.push(interaction(m, 'visit', officeTime(rng, day), 'onsite', VISITS.key.subject, VISITS.key.body));
    }
  }
  return out;
}

/** Calls and desk visits around ordinary purchases: reminders before a due staple, questions, desk visits. */
function aroundOrders(rng: Random, m: Member, list: Order[]): Interaction[] {
  const out: Interaction[] = [];
  const rice = m.habits.find((h) => h.staple.name === 'rice');
  list.forEach((o, k) => {
    if (o.kind !== 'sale') return;
    const productName = PRODUCTS[pickOne(rng, o.lines).product].name;
    if (k > 0 && rice && m.persona.name === 'staple' && rng.next() < 0.25) {
      const at = officeTime(rng, Math.floor(o.at / DAY) - 1 - Math.floor(rng.next() * 2));
      if (at > list[k - 1].at) out.push(interaction(m, 'call', at, 'phone', CALLS.replenish.subject, CALLS.replenish.body.replace('{p}', PRODUCTS[rice.product].name)));
    }
    if (rng.next() < 0.008) {
      const at = awake(rng, o.at - 2 * DAY - Math.floor(rng.next() * 3 * DAY));
      if (at > m.joinDay * DAY) out.push(interaction(m, 'call', at, 'phone', CALLS.inquiry.subject, pickOne(rng, CALLS.inquiry.bodies).replace('{p}', productName)));
    }
    if (o.channel === 'store' && rng.next() < 0.012) {
      const v = pickOne(rng, VISITS.desk);
      out.push(interaction(m, 'visit', o.at + 300 + Math.floor(rng.next() * 900), 'store', v.subject, v.body.replace('{p}', productName)));
    }
  });
  return out;
}

/** Follow-up calls a day to three after a resolved complaint (six in ten). */
function followUps(rng: Random, complaints: Interaction[], orders: Map<Member, Order[]>): Interaction[] {
  const out: Interaction[] = [];
  for (const c of complaints) {
    if (c.resolvedAt === null || rng.next() >= 0.6) continue;
    const at = officeTime(rng, Math.floor(c.resolvedAt / DAY) + 1 + Math.floor(rng.next() * 3));
    if (at >= END) continue;
    const stayed = (orders.get(c.member) ?? []).some((o) => o.at > c.at);
    const bodies = CALLS.followUp.bodies;
    out.push(interaction(c.member, 'call', at, 'phone', CALLS.followUp.subject, stayed ? pickOne(rng, bodies.slice(0, 2)) : bodies[2]));
  }
  return out;
}

/** All service records except complaints and win-back calls, which change purchases (sample-store-service.ts). */
export function serviceRecords(rng: Random, members: Member[], orders: Map<Member, Order[]>, complaints: Interaction[]): Interaction[] {
  const complainedAt = new Map<Member, number>();
  for (const c of complaints) complainedAt.set(c.member, c.at);
  const out: Interaction[] = [...followUps(rng, complaints, orders)];
  for (const m of members) {
    const list = orders.get(m);
    if (!list) continue;
    out.push(...surveys(rng, m, list, complainedAt.get(m) ?? Infinity), ...careCalls(rng, m, list), ...aroundOrders(rng, m, list));
  }
  return out;
}
