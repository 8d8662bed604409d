// Believable member identities for the sample store: Chinese names drawn from common surnames and
// given-name characters (with pinyin, for e-mail addresses), a few English names, mainland mobile
// numbers, the e-mail habits of Chinese shoppers (QQ numbers, 163.com …), and home cities.
import { pickWeighted } from './sample-store-calendar.ts';
import type { Random } from './random.ts';

type Pair = readonly [string, string];

// Common surnames, roughly in order of frequency, with those of the Shanghai–Jiangsu area (沈, 陆,
// 顾, 钱) among them since the store is there.
const SURNAMES: readonly Pair[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
  ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin'], ['高', 'gao'], ['罗', 'luo'], ['郑', 'zheng'],
  ['沈', 'shen'], ['陆', 'lu'], ['顾', 'gu'], ['钱', 'qian'], ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'],
  ['唐', 'tang'], ['许', 'xu'], ['邓', 'deng'], ['韩', 'han'], ['冯', 'feng'], ['曹', 'cao'], ['彭', 'peng'],
  ['曾', 'zeng'], ['蒋', 'jiang'], ['蔡', 'cai'], ['袁', 'yuan'], ['潘', 'pan'], ['叶', 'ye'], ['程', 'cheng'],
  ['魏', 'wei'], ['苏', 'su'], ['丁', 'ding'], ['任', 'ren'], ['姚', 'yao'], ['金', 'jin'], ['汪', 'wang'], ['范', 'fan'],
];
const SURNAME_WEIGHTS = SURNAMES.map((_, i) => 1 / (i + 4));

const FEMALE: readonly Pair[] = [
  ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['艳', 'yan'], ['娟', 'juan'], ['霞', 'xia'],
  ['燕', 'yan'], ['玲', 'ling'], ['婷', 'ting'], ['雪', 'xue'], ['慧', 'hui'], ['颖', 'ying'], ['琳', 'lin'], ['晶', 'jing'],
  ['倩', 'qian'], ['欣', 'xin'], ['悦', 'yue'], ['梦', 'meng'], ['佳', 'jia'], ['雨', 'yu'], ['萱', 'xuan'], ['怡', 'yi'],
  ['晓', 'xiao'], ['秀', 'xiu'], ['英', 'ying'], ['红', 'hong'], ['兰', 'lan'], ['美', 'mei'], ['思', 'si'], ['诗', 'shi'],
  ['馨', 'xin'], ['文', 'wen'], ['琪', 'qi'], ['月', 'yue'], ['春', 'chun'], ['凤', 'feng'], ['洁', 'jie'], ['莉', 'li'],
];
const MALE: readonly Pair[] = [
  ['伟', 'wei'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['杰', 'jie'], ['涛', 'tao'],
  ['明', 'ming'], ['超', 'chao'], ['刚', 'gang'], ['平', 'ping'], ['辉', 'hui'], ['鹏', 'peng'], ['华', 'hua'], ['飞', 'fei'],
  ['鑫', 'xin'], ['波', 'bo'], ['斌', 'bin'], ['宇', 'yu'], ['浩', 'hao'], ['凯', 'kai'], ['健', 'jian'], ['俊', 'jun'],
  ['帆', 'fan'], ['晨', 'chen'], ['博', 'bo'], ['志', 'zhi'], ['国', 'guo'], ['建', 'jian'], ['峰', 'feng'], ['东', 'dong'],
  ['海', 'hai'], ['子', 'zi'], ['轩', 'xuan'], ['泽', 'ze'], ['睿', 'rui'], ['天', 'tian'], ['然', 'ran'], ['毅', 'yi'],
];

// Expatriates and returnees shopping in Shanghai; two surnames carry accents, so a reader that
// mangles UTF-8 outside the CJK range shows it.
const EN_FEMALE = ['Emily', 'Sarah', 'Jessica', 'Amy', 'Linda', 'Grace', 'Olivia', 'Sophie', 'Anna', 'Claire'];
const EN_MALE = ['David', 'Michael', 'James', 'Daniel', 'Thomas', 'Kevin', 'Peter', 'Mark', 'John', 'Lucas'];
const EN_SURNAMES = ['Smith', 'Brown', 'Wilson', 'Taylor', 'Miller', 'Martin', 'Chen', 'Lee', 'García', 'Müller'];

// Mainland mobile prefixes of the three carriers (China Mobile 134–139, 15x, 18x; Unicom 130–132,
// 155/156, 185/186; Telecom 133, 153, 180/181, 189, 199).
const MOBILE_PREFIXES = ['134', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '182', '183',
  '187', '188', '130', '131', '132', '155', '156', '185', '186', '133', '153', '180', '181', '189', '199', '177'];

export const CITIES = ['上海', '苏州', '昆山', '杭州', '无锡', '南京', '北京', '广州', '深圳', '成都', '武汉'] as const;
const CITY_WEIGHTS = [62, 14, 4, 5, 3, 3, 3, 1.5, 1.5, 1.5, 1.5];

export interface Identity {
  name: string;
  gender: 'F' | 'M';
  /** Lower-case letters for e-mail local parts ("zhangwei"); the given name first for English names. */
  latin: string;
  english: boolean;
}

const pick = <T>(rng: Random, items: readonly T[]): T => items[Math.floor(rng.next() * items.length)];

/** A name: 95 % Chinese (one or two given-name characters), 5 % English. */
export function makeIdentity(rng: Random, gender: 'F' | 'M'): Identity {
  if (rng.next() < 0.05) {
    const first = pick(rng, gender === 'F' ? EN_FEMALE : EN_MALE);
    const last = pick(rng, EN_SURNAMES);
    const latin = `${first}.${last}`.toLowerCase().replace('í', 'i').replace('ü', 'ue');
    return { name: `${first} ${last}`, gender, latin, english: true };
  }
  const [surname, sp] = SURNAMES[pickWeighted(rng, SURNAME_WEIGHTS)];
  const chars = gender === 'F' ? FEMALE : MALE;
  const [g1, p1] = pick(rng, chars);
  // Two-character given names are the norm for people born after 1980; one character is common too.
  if (rng.next() < 0.35) return { name: surname + g1, gender, latin: sp + p1, english: false };
  const [g2, p2] = pick(rng, chars);
  return { name: surname + g1 + g2, gender, latin: sp + p1 + p2, english: false };
}

/** An 11-digit mainland mobile number not in `taken` (which it joins). */
export function makePhone(rng: Random, taken: Set<string>): string {
  for (;;) {
    let phone = pick(rng, MOBILE_PREFIXES);
    for (let i = 0; i < 8; i++) phone += String(Math.floor(rng.next() * 10));
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

// Every address is under example.com (reserved by RFC 2606, never delivered), with the provider as a
// subdomain: the sample keeps the look of Chinese addresses, and a campaign run on it mails no one.
const mailDomain = (provider: string): string => `${provider}.example.com`;

/**
 * An e-mail address as Chinese shoppers have them: a QQ number at qq for about half, otherwise
 * pinyin (often with a birth year) at 163, 126, sina or foxmail; English names use gmail or outlook.
 */
export function makeEmail(rng: Random, id: Identity, birthYear: number): string {
  if (id.english) return `${id.latin}@${mailDomain(rng.next() < 0.6 ? 'gmail' : 'outlook')}`;
  const u = rng.next();
  if (u < 0.45) return `${10000 + Math.floor(rng.next() * 2_999_990_000)}@${mailDomain('qq')}`;
  const suffix = rng.next() < 0.5 ? String(birthYear) : rng.next() < 0.5 ? String(Math.floor(rng.next() * 1000)) : '';
  const provider = u < 0.7 ? '163' : u < 0.82 ? '126' : u < 0.9 ? 'sina' : u < 0.96 ? 'foxmail' : 'gmail';
  return `${id.latin}${suffix}@${mailDomain(provider)}`;
}

/** A home city, mostly the store's own (Shanghai, Suzhou), some from online orders nationwide. */
export const makeCity = (rng: Random): string => CITIES[pickWeighted(rng, CITY_WEIGHTS)];

/** A birthday for someone `age` years old on 2026-06-30, as YYYY-MM-DD. */
export function makeBirthday(rng: Random, age: number): string {
  const end = Date.UTC(2026, 5, 30);
  // Born between age + 1 and age years before the end of the window.
  const t = end - (age + rng.next()) * 365.25 * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
