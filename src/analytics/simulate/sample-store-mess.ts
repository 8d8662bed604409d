// The deliberate mess in the sample's member list, for the data-quality report (issue 4, item 4):
// the same person under two member numbers, malformed and missing contact fields, impossible
// birthdays. Counts scale with the number of members (the full sample has 2,000) and are verified
// against the finished table, so what samples/README.md states is what the file holds.
import { dateOf, dayOf } from './sample-store-calendar.ts';
import type { Member } from './sample-store-members.ts';
import type { Random } from './random.ts';

/** How many of each kind of mess the member list holds, with up to three example member ids each. */
export interface MemberMess {
  counts: Record<MemberMessKind, number>;
  examples: Record<MemberMessKind, string[]>;
}

export type MemberMessKind =
  | 'samePhone' | 'sameNameBirthday' | 'malformedPhone' | 'missingPhone' | 'malformedEmail' | 'missingEmail'
  | 'missingName' | 'missingGender' | 'missingBirthday' | 'missingCity' | 'placeholderBirthday' | 'futureBirthday' | 'stale';

// Per 2,000 members: a handful of each, as a till clerk or a sign-up form would leave them.
const PER_2000 = { samePhone: 6, sameNameBirthday: 5, malformedPhone: 8, missingPhone: 12, malformedEmail: 6,
  missingName: 3, missingGender: 25, missingBirthday: 60, missingCity: 30, placeholderBirthday: 4, futureBirthday: 1, stale: 5 };

/** The number of injected cases of each kind for `members` members: at least one of each. */
export function messQuota(members: number): typeof PER_2000 {
  const out = { ...PER_2000 };
  for (const k of Object.keys(out) as (keyof typeof PER_2000)[]) out[k] = Math.max(1, Math.round((PER_2000[k] * members) / 2000));
  return out;
}

/** The validity rules the mess is defined by (and that samples/README.md states). */
export const MOBILE_RE = /^1[3-9]\d{9}$/;
export const EMAIL_RE = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
export const PLACEHOLDER_BIRTHDAY = '1900-01-01';
const END = '2026-06-30';

function shuffled(rng: Random, n: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

// Two different people can share a common name and a birthday, or a generated e-mail address
// (wangfang@163.com); in this sample only the injected duplicates may, so accidents are nudged apart.
function separateAccidents(members: Member[]): void {
  const seen = new Set<string>();
  const emails = new Set<string>();
  for (const m of members) {
    while (seen.has(`${m.name}|${m.birthday}`)) m.birthday = dateOf(dayOf(m.birthday) + 1);
    seen.add(`${m.name}|${m.birthday}`);
    if (!m.email) continue;
    let k = 1;
    const [local, domain] = m.email.split('@');
    while (emails.has(m.email)) m.email = `${local}${++k}@${domain}`;
    emails.add(m.email);
  }
}

function makeDuplicates(rng: Random, members: Member[], quota: ReturnType<typeof messQuota>, involved: Set<number>): void {
  const candidates = shuffled(rng, members.length).filter((i) => members[i].buys && members[i].joinDay >= 120);
  let c = 0;
  for (let k = 0; k < quota.samePhone + quota.sameNameBirthday; k++) {
    let dup = -1;
    let orig = -1;
    while (orig < 0) {
      dup = candidates[c++];
      if (dup === undefined) throw new Error('sample store: too few members for the duplicate quota');
      const d = members[dup];
      const older = members.map((m, i) => i).filter((i) => !involved.has(i) && i !== dup && !members[i].stale && members[i].joinDay < d.joinDay - 30);
      if (!involved.has(dup) && older.length > 0) orig = older[Math.floor(rng.next() * older.length)];
    }
    const d = members[dup];
    const o = members[orig];
    involved.add(dup).add(orig);
    // The second card of one person: same name and gender; no e-mail given the second time.
    d.name = o.name;
    d.gender = o.gender;
    d.email = '';
    if (k < quota.samePhone) {
      // Re-registered at a till with the same phone; the birthday skipped or mistyped.
      d.phone = o.phone;
      d.birthday = rng.next() < 0.5 ? '' : d.birthday;
      d.city = o.city;
    } else {
      // A new phone number, the same name and birthday.
      d.birthday = o.birthday;
    }
  }
}

const PHONE_FAULTS: readonly ((p: string) => string)[] = [
  (p) => p.slice(0, 10),
  (p) => p + p[5],
  (p) => p.slice(0, 4) + 'O' + p.slice(5),
  (p) => `021-${p.slice(3, 11)}`,
  (p) => `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`,
];
const EMAIL_FAULTS: readonly ((e: string) => string)[] = [
  (e) => e.replace(/@([^.]+)\..*$/, '@$1'),
  (e) => e.replace('@', ''),
  (e) => e.replace('@', '@@'),
  (e) => e.replace(/\.([a-z]+)$/, ',$1'),
  (e) => e.replace('@', ' @'),
];

/** Injects the mess into `members` (in place) and returns what the finished table holds. */
export function injectMemberMess(rng: Random, members: Member[]): MemberMess {
  const quota = messQuota(members.length);
  separateAccidents(members);
  const involved = new Set<number>();
  makeDuplicates(rng, members, quota, involved);
  const pool = shuffled(rng, members.length).filter((i) => !involved.has(i) && !members[i].stale);
  let next = 0;
  const take = (ok: (m: Member) => boolean = () => true): Member => {
    while (next < pool.length && !ok(members[pool[next]])) next++;
    if (next >= pool.length) throw new Error('sample store: too few members for the mess quota');
    return members[pool[next++]];
  };
  for (let k = 0; k < quota.malformedPhone; k++) {
    const m = take();
    m.phone = PHONE_FAULTS[k % PHONE_FAULTS.length](m.phone);
  }
  for (let k = 0; k < quota.missingPhone; k++) take().phone = '';
  for (let k = 0; k < quota.malformedEmail; k++) {
    const m = take((x) => x.email !== '');
    m.email = EMAIL_FAULTS[k % EMAIL_FAULTS.length](m.email);
  }
  for (let k = 0; k < quota.missingName; k++) take().name = '';
  for (let k = 0; k < quota.missingGender; k++) take().gender = '';
  for (let k = 0; k < quota.missingBirthday; k++) take().birthday = '';
  for (let k = 0; k < quota.missingCity; k++) take().city = '';
  for (let k = 0; k < quota.placeholderBirthday; k++) take().birthday = PLACEHOLDER_BIRTHDAY;
  for (let k = 0; k < quota.futureBirthday; k++) {
    const m = take((x) => x.birthday.startsWith('19'));
    m.birthday = '20' + m.birthday.slice(2); // a clerk's slip: 1962 typed as 2062
  }
  return measureMemberMess(members, quota);
}

/** Counts each kind of mess in the finished table; throws if an injected quota did not land exactly. */
function measureMemberMess(members: Member[], quota: ReturnType<typeof messQuota>): MemberMess {
  const groups = (key: (m: Member) => string) => {
    const by = new Map<string, string[]>();
    for (const m of members) {
      const k = key(m);
      if (k) by.set(k, [...(by.get(k) ?? []), m.id]);
    }
    return [...by.values()].filter((ids) => ids.length > 1).map((ids) => ids.join('/'));
  };
  const where = (test: (m: Member) => boolean) => members.filter(test).map((m) => m.id);
  const found: Record<MemberMessKind, string[]> = {
    samePhone: groups((m) => m.phone),
    sameNameBirthday: groups((m) => (m.name && m.birthday ? `${m.name}|${m.birthday}` : '')),
    malformedPhone: where((m) => m.phone !== '' && !MOBILE_RE.test(m.phone)),
    missingPhone: where((m) => m.phone === ''),
    malformedEmail: where((m) => m.email !== '' && !EMAIL_RE.test(m.email)),
    missingEmail: where((m) => m.email === ''),
    missingName: where((m) => m.name === ''),
    missingGender: where((m) => m.gender === ''),
    missingBirthday: where((m) => m.birthday === ''),
    missingCity: where((m) => m.city === ''),
    placeholderBirthday: where((m) => m.birthday === PLACEHOLDER_BIRTHDAY),
    futureBirthday: where((m) => m.birthday > END),
    stale: where((m) => m.stale),
  };
  for (const k of Object.keys(quota) as (keyof typeof quota)[]) {
    // Blank birthdays also come from duplicates re-registered without one, so that count may exceed its quota.
    const ok = k === 'missingBirthday' ? found[k].length >= quota[k] : found[k].length === quota[k];
    if (!ok) throw new Error(`sample store: ${k} mess: wanted ${quota[k]}, the table has ${found[k].length}`);
  }
  const counts = {} as Record<MemberMessKind, number>;
  const examples = {} as Record<MemberMessKind, string[]>;
  for (const k of Object.keys(found) as MemberMessKind[]) {
    counts[k] = found[k].length;
    examples[k] = found[k].slice(0, 3);
  }
  return { counts, examples };
}
