// Data-quality checks (数据质量) on the customer list, the problem retailers name first: the same
// person under two member numbers, contact fields missing or malformed, records nobody has touched
// for years, dates that cannot be true. Pure: the caller loads the facts (customer-facts.ts), so the
// rules are tested on hand-made customers. Each check gives a count, what it is out of, a few ids
// to look up and a severity; labels are bilingual because they go straight into the report.
import type { DataQualityCheck, LocalText, Severity } from '../../report/report-data.ts';

export interface CustomerFacts {
  readonly code: string;
  readonly name: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  /** YYYY-MM-DD. */
  readonly birthday: string | null;
  readonly joinDate: string | null;
  /** When the record last changed in the retailer's system (YYYY-MM-DD…), else when it was imported. */
  readonly updatedAt: string | null;
  /** The customer's last purchase (YYYY-MM-DD…), or null when none is known. */
  readonly lastPurchase: string | null;
}

export interface CustomerQualityOptions {
  /** The real today (YYYY-MM-DD), for future dates and ages. */
  readonly today: string;
  /** The day staleness is measured from (default: today); the last sale date suits a historic data set. */
  readonly asOf?: string;
  /** No update and no purchase for this many months makes a record stale (default 24). */
  readonly staleMonths?: number;
  /** Older than this many years is an impossible age (default 120). */
  readonly maxAge?: number;
  /** A well-formed phone (default: a mainland China mobile, 1[3-9] and 9 more digits, optionally +86). */
  readonly phonePattern?: RegExp;
  /** Example ids (or groups of ids) kept per check (default 5). */
  readonly examples?: number;
}

export const MAINLAND_MOBILE = /^(\+?86)?1[3-9]\d{9}$/;
/** Local part, @, a domain with at least one dot and a letter suffix: no blanks, commas or double @. */
export const EMAIL_PATTERN = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

const LABELS: Record<string, LocalText> = {
  'duplicate-phone': { en: 'Possible duplicate customers: same phone', 'zh-CN': '疑似重复客户：手机号相同' },
  'duplicate-email': { en: 'Possible duplicate customers: same e-mail', 'zh-CN': '疑似重复客户：邮箱相同' },
  'duplicate-name-birthday': { en: 'Possible duplicate customers: same name and birthday', 'zh-CN': '疑似重复客户：姓名和生日相同' },
  'missing-phone': { en: 'Phone missing', 'zh-CN': '缺少手机号' },
  'malformed-phone': { en: 'Phone malformed', 'zh-CN': '手机号格式错误' },
  'missing-email': { en: 'E-mail missing', 'zh-CN': '缺少邮箱' },
  'malformed-email': { en: 'E-mail malformed', 'zh-CN': '邮箱格式错误' },
  'stale-records': { en: 'Stale records (no update or purchase for a long time)', 'zh-CN': '陈旧记录（长期无更新或购买）' },
  'future-birthday': { en: 'Birthday in the future', 'zh-CN': '生日在未来' },
  'impossible-age': { en: 'Impossible age (birthday too long ago)', 'zh-CN': '年龄不可能（生日过早）' },
  'future-join-date': { en: 'Join date in the future', 'zh-CN': '入会日期在未来' },
};

/** YYYY-MM-DD minus whole months (a day that does not exist in the target month becomes its last day). */
export function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12), month = (total % 12) + 1;
  // Day 0 of the next month is the last day of this one; setUTCFullYear, as Date.UTC maps years 0–99 to 1900–1999.
  const probe = new Date(0);
  probe.setUTCFullYear(year, month, 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, probe.getUTCDate())).padStart(2, '0')}`;
}

/** Digits only, without a leading 86 country code: "+86 138-0013-8000" and "13800138000" are one phone. */
const phoneKey = (p: string): string => p.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
const blank = (v: string | null): boolean => v === null || v.trim() === '';

/**
 * Runs every customer check.
 * @example customerQuality([{ code: 'A', phone: '13800138000', … }, { code: 'B', phone: '138 0013 8000', … }], { today: '2026-06-30' })
 * // duplicate-phone: count 2 (customers), examples ['A/B']
 */
export function customerQuality(customers: readonly CustomerFacts[], o: CustomerQualityOptions): DataQualityCheck[] {
  const total = customers.length;
  const keep = o.examples ?? 5;
  const phoneOk = o.phonePattern ?? MAINLAND_MOBILE;
  const check = (id: string, severity: Severity, count: number, examples: string[]): DataQualityCheck => ({
    id, labelKey: `dq.${id}`, label: LABELS[id], count, total, examples: examples.slice(0, keep), severity,
  });
  const where = (id: string, severity: Severity, test: (c: CustomerFacts) => boolean): DataQualityCheck => {
    const hits = customers.filter(test);
    return check(id, severity, hits.length, hits.slice(0, keep).map((c) => c.code));
  };
  const duplicates = (id: string, key: (c: CustomerFacts) => string | null): DataQualityCheck => {
    const groups = new Map<string, string[]>();
    for (const c of customers) {
      const k = key(c);
      if (k === null || k === '') continue;
      const g = groups.get(k);
      if (g) g.push(c.code);
      else groups.set(k, [c.code]);
    }
    const repeated = [...groups.values()].filter((g) => g.length > 1);
    return check(id, 'warning', repeated.reduce((s, g) => s + g.length, 0), repeated.map((g) => g.join('/')));
  };
  const staleBefore = monthsBefore(o.asOf ?? o.today, o.staleMonths ?? 24);
  const oldestBirthday = monthsBefore(o.today, 12 * (o.maxAge ?? 120));
  const day = (v: string | null): string | null => (blank(v) ? null : (v as string).slice(0, 10));
  return [
    duplicates('duplicate-phone', (c) => (blank(c.phone) ? null : phoneKey(c.phone as string))),
    duplicates('duplicate-email', (c) => (blank(c.email) ? null : (c.email as string).trim().toLowerCase())),
    duplicates('duplicate-name-birthday', (c) => (blank(c.name) || blank(c.birthday) ? null : `${(c.name as string).trim()}|${c.birthday}`)),
    where('missing-phone', 'warning', (c) => blank(c.phone)),
    where('malformed-phone', 'warning', (c) => !blank(c.phone) && !phoneOk.test((c.phone as string).trim())),
    where('missing-email', 'info', (c) => blank(c.email)),
    where('malformed-email', 'warning', (c) => !blank(c.email) && !EMAIL_PATTERN.test((c.email as string).trim())),
    // The latest sign of life: a change to the record, a purchase, or joining; a record with none of them cannot be judged.
    where('stale-records', 'info', (c) => {
      const seen = [day(c.updatedAt), day(c.lastPurchase), day(c.joinDate)].filter((d): d is string => d !== null).sort().at(-1);
      return seen !== undefined && seen < staleBefore;
    }),
    where('future-birthday', 'error', (c) => !blank(c.birthday) && (c.birthday as string) > o.today),
    where('impossible-age', 'error', (c) => !blank(c.birthday) && (c.birthday as string) < oldestBirthday),
    where('future-join-date', 'error', (c) => !blank(c.joinDate) && (c.joinDate as string) > o.today),
  ];
}
