// The kinds of shoppers in the sample store. Each is a BG/NBD population of its own (so the pooled
// members are a mixture, like every real customer base) with its own basket habits, following the
// course material's supermarket types (domain.md §3): low-income shoppers are price-sensitive, buy
// small baskets often; high-income shoppers are brand-loyal, buy large baskets less often.
import type { BgNbdParams } from './bg-nbd-simulator.ts';

export type PersonaName = 'thrifty' | 'family' | 'premium' | 'occasional' | 'staple';

export interface Persona {
  name: PersonaName;
  /** Share of the members who ever buy. */
  share: number;
  /** Purchase timing per business week (FHL 2005 notation); null for 'staple', who buy on payday. */
  bgnbd: BgNbdParams | null;
  /** Mean number of missions per trip beyond the first (Poisson). */
  extraMissions: number;
  /** Share of trips made online, for members near a store. */
  online: number;
  /** How much a promotion raises the chance of choosing a product (1 + promo). */
  promo: number;
  /** Price taste: a product's weight among alternatives is price^taste (negative: cheaper wins). */
  taste: number;
  /** Chance of buying the same brand as last time. */
  loyalty: number;
  /** Age on 2026-06-30: mean and standard deviation. */
  age: readonly [number, number];
  /** Weight of each mission by name (missing: 1). */
  missions: Readonly<Record<string, number>>;
  /** Chance that a household keeps each staple on a cycle (see STAPLES). */
  staples: Readonly<Record<string, number>>;
  /** Chance the household has a baby (diapers, formula, wipes). */
  baby: number;
  /** Mean latent satisfaction (standard normal scale) behind survey answers. */
  satisfaction: number;
}

// Timing: mean purchase rates r/α of 0.04–0.11 per business week (one trip every 2–6 months on
// average, the Gamma spread putting weekly shoppers at the top) and dropout chances a/(a+b) of
// 0.14–0.3 per trip. Tuned (seeds 1–8) so that members who buy average about 3.4 purchase days and
// some 57 % buy on more than one day: between CDNOW (2.87 days, 49 %) and the BTYDplus grocery store
// (6.87, 64 %), the range sample-store-realism.test.ts checks; orders.csv then has ~16k lines.
export const PERSONAS: readonly Persona[] = [
  {
    name: 'thrifty', share: 0.33, bgnbd: { r: 0.5, alpha: 4.5, a: 1.0, b: 6 },
    extraMissions: 0.2, online: 0.15, promo: 3, taste: -1, loyalty: 0.5, age: [52, 12],
    missions: { vegetables: 2, cooking: 1.6, staples: 1.2, noodles: 1.3, fruit: 1.2, tea: 0.3, 'personal-care': 0.6 },
    staples: { rice: 0.45, oil: 0.35, milk: 0.1, tissue: 0.25, detergent: 0.2 }, baby: 0.05, satisfaction: -0.1,
  },
  {
    name: 'family', share: 0.3, bgnbd: { r: 0.45, alpha: 6, a: 0.9, b: 5 },
    extraMissions: 0.6, online: 0.35, promo: 1.5, taste: 0, loyalty: 0.7, age: [38, 7],
    missions: { breakfast: 1.6, dairy: 1.5, snacks: 1.4, fruit: 1.3, baby: 1.5, frozen: 1.2, party: 0.7 },
    staples: { rice: 0.4, oil: 0.3, milk: 0.35, diapers: 0.6, tissue: 0.3, detergent: 0.25 }, baby: 0.35, satisfaction: 0.1,
  },
  {
    name: 'premium', share: 0.14, bgnbd: { r: 0.4, alpha: 8, a: 0.8, b: 5 },
    extraMissions: 1.0, online: 0.5, promo: 0.3, taste: 1, loyalty: 0.9, age: [42, 9],
    missions: { fruit: 1.8, tea: 1.5, dairy: 1.3, breakfast: 1.3, cooking: 1.2, party: 1.1, vegetables: 0.6, noodles: 0.4 },
    staples: { rice: 0.3, oil: 0.25, milk: 0.3, diapers: 0.5, tissue: 0.2 }, baby: 0.15, satisfaction: 0.35,
  },
  {
    name: 'occasional', share: 0.19, bgnbd: { r: 0.25, alpha: 7, a: 1.2, b: 2.8 },
    extraMissions: 0.35, online: 0.7, promo: 1.5, taste: 0, loyalty: 0.4, age: [29, 6],
    missions: { snacks: 2, drinks: 1.8, party: 1.6, breakfast: 1.2, cooking: 0.4, staples: 0.4, household: 0.6 },
    staples: {}, baby: 0.03, satisfaction: -0.2,
  },
  {
    name: 'staple', share: 0.04, bgnbd: null,
    extraMissions: 0.4, online: 0.9, promo: 1, taste: -0.3, loyalty: 0.95, age: [55, 10],
    missions: { staples: 0.5, household: 1.2, cooking: 1 },
    staples: { rice: 1, oil: 0.8, tissue: 0.4, detergent: 0.3 }, baby: 0, satisfaction: 0.2,
  },
];

/**
 * 'staple' households are the rice seller's customers: they order rice to the door around their
 * payday each month and leave, after any order, with this chance (a geometric lifetime of about two
 * years), so their intervals are regular enough for a replenishment forecast to be right.
 */
export const STAPLE_DROPOUT = 0.04;
