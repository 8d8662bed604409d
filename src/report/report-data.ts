// What `cvm analyze`'s report.html shows, as plain JSON-able data (numbers, strings, arrays, objects; no
// typed arrays, no NaN — a value that does not exist is null), so a run can save it next to the page and
// the page can be re-rendered later from that file, in either language, without the data folder.
// Every section is optional: a section that is absent, or present as `{ unavailable }`, is shown as
// "not available: <why>", because a report that silently drops a section reads as "all is well".

/** The two languages of the page. */
export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

/**
 * Text produced by the analysis (a model-choice explanation, a reason a section is missing): a plain
 * string is shown in both languages; the object form carries a translation.
 */
export type LocalText = string | { en: string; 'zh-CN': string };

/** A section that could not be produced, with the reason shown to the reader. */
export interface Unavailable {
  unavailable: LocalText;
}

export type Section<T> = T | Unavailable;

export function isUnavailable<T extends object>(s: Section<T> | undefined): s is Unavailable {
  return s !== undefined && 'unavailable' in s;
}

/** Rows of one outcome (excluded or rejected) with the same reason code, e.g. 'cancelled'. */
export interface ReasonCount {
  /** A reason code of the import ('cancelled', 'non-positive-quantity', …); unknown codes are shown as-is. */
  reason: string;
  count: number;
}

export interface OverviewSection {
  inputFile: string;
  rows: {
    read: number;
    loaded: number;
    /** Kept in the store but out of the customer analysis (cancellations, returns, …). */
    excluded: number;
    rejected: number;
    /** Exact duplicate rows dropped, counted apart from `excluded` (as importSales counts them). */
    duplicates?: number;
    /** Rows an earlier import of an overlapping file had loaded already, skipped (counted apart too). */
    alreadyLoaded?: number;
    /** Loaded without a customer id: they count for products, not for customers. */
    anonymous?: number;
    /** Loaded after a repair (e.g. a date in a second format). */
    fixed?: number;
  };
  excludedByReason: ReasonCount[];
  rejectedByReason: ReasonCount[];
  customers: number;
  /** First and last transaction day, YYYY-MM-DD. */
  dateRange: { from: string; to: string };
  /** The time unit of the summary and the model ('day' | 'week' | 'month' | 'year'). */
  unit: string;
}

export type Severity = 'info' | 'warning' | 'error';

export interface DataQualityCheck {
  id: string;
  /** Key into the report's dictionary (e.g. 'dq.duplicate-customers'); `label` is used for unknown keys. */
  labelKey: string;
  label?: LocalText;
  count: number;
  /** What `count` is out of (customers or rows), for the share. */
  total: number;
  /** A few ids (customer ids or line numbers) the user can look up. */
  examples: string[];
  severity: Severity;
}

export interface DataQualitySection {
  checks: DataQualityCheck[];
}

export interface ParamEstimate {
  name: string;
  value: number;
  /** Standard error from the inverse observed information; null when not computed or singular. */
  se: number | null;
}

export interface ModelCandidate {
  model: string;
  logLik: number;
  bic: number;
}

export interface SpendModel {
  /** 'gg' for Gamma-Gamma. */
  model: string;
  params: ParamEstimate[];
  logLik: number;
  /** Customers the spend model was fitted on (those with repeat purchases). */
  customers: number;
}

export interface HoldoutBin {
  /** Calibration repeat purchases; the last bin is "this many or more". */
  frequency: number;
  orMore: boolean;
  customers: number;
  /** Mean holdout purchases per customer in the bin. */
  actual: number;
  expected: number;
}

export interface HoldoutSection {
  /** Last day of the calibration period and of the holdout, YYYY-MM-DD. */
  calibrationEnd: string;
  holdoutEnd: string;
  bins: HoldoutBin[];
  totalActual: number;
  totalExpected: number;
  mae: number;
  rmse: number;
  /** AUC of P(alive) and of expected purchases as scores for "bought again"; null when undefined. */
  pAliveAuc: number | null;
  expectedPurchasesAuc: number | null;
}

export interface FrequencyBin {
  frequency: number;
  orMore: boolean;
  /** Customers with this many repeat purchases, observed and expected by the model. */
  actual: number;
  expected: number;
}

export interface TrackingPoint {
  /** Time since the start of the log, in the model's unit. */
  time: number;
  expected: number;
  actual: number;
}

export interface TrackingSection {
  /** The unit of `time` ('day' | 'week' | 'month' | 'year'). */
  unit: string;
  points: TrackingPoint[];
  /** Where the calibration period ends, in the same time; null when the whole log was used. */
  calibrationEnd: number | null;
}

export interface ModelSection {
  /** 'bgnbd', 'pnbd', … */
  chosen: string;
  reason: LocalText;
  params: ParamEstimate[];
  logLik: number;
  aic: number;
  bic: number;
  /** Customers the model was fitted on. */
  customers: number;
  candidates: ModelCandidate[];
  spend?: Section<SpendModel>;
  holdout?: Section<HoldoutSection>;
  frequencyHistogram?: FrequencyBin[];
  tracking?: Section<TrackingSection>;
}

/** Customers whose predicted value falls in [from, to). */
export interface ValueBin {
  from: number;
  to: number;
  customers: number;
  /** Sum of their predicted value. */
  value: number;
}

export interface ValueSection {
  /** Months the predicted value (clv) covers. */
  horizonMonths: number;
  bins: ValueBin[];
  /** Share of all predicted value held by the top `topPercent` % of customers (the 80/20 picture). */
  concentration: { topPercent: number; valueShare: number }[];
  totals: { customers: number; value: number; mean: number; median: number };
}

/** One customer of the at-risk list; field names are the customers file's columns. */
export interface AtRiskCustomer {
  customer_id: string;
  p_alive: number;
  clv: number;
  /** (1 − p_alive) × expected value: what is lost if the customer has indeed left. */
  value_at_risk: number;
  /** YYYY-MM-DD */
  last_purchase: string;
  total_spend: number;
  orders: number;
}

export interface AtRiskSection {
  /** Value at risk summed over every customer, not only the listed ones. */
  totalValueAtRisk: number;
  customers: AtRiskCustomer[];
}

/**
 * A section added by a later part (RFM, value pyramid, …) without changing the report's core: its
 * title in both languages and its body as HTML. The body must be self-contained (inline SVG, no
 * external references); a body that is not is replaced by a notice. Body HTML may carry both
 * languages in elements of class `t-en` / `t-zh`, which the language switch toggles.
 */
export interface ExtraSection {
  id: string;
  title: { en: string; 'zh-CN': string };
  html?: string;
  unavailable?: LocalText;
}

import type {
  ClustersSection, CohortsSection, EconomicsSection, HotProductsSection, LifecycleSection, LoyaltySection, ReplenishmentSection, RulesSection,
  SatisfactionSection, SurvivalSection,
} from './retail-report-data.ts';

export type * from './retail-report-data.ts';

export interface ReportData {
  /** When the analysis ran (ISO 8601). */
  generatedAt: string;
  /** Currency symbol for money amounts (e.g. '¥', '£'); none by default. */
  currency?: string;
  overview?: Section<OverviewSection>;
  dataQuality?: Section<DataQualitySection>;
  model?: Section<ModelSection>;
  value?: Section<ValueSection>;
  atRisk?: Section<AtRiskSection>;
  sections?: ExtraSection[];
  /** The retail analytics of issue 5 (retail-report-data.ts). */
  clusters?: Section<ClustersSection>;
  lifecycle?: Section<LifecycleSection>;
  survival?: Section<SurvivalSection>;
  cohorts?: Section<CohortsSection>;
  loyalty?: Section<LoyaltySection>;
  satisfaction?: Section<SatisfactionSection>;
  economics?: Section<EconomicsSection>;
  hotProducts?: Section<HotProductsSection>;
  rules?: Section<RulesSection>;
  replenishment?: Section<ReplenishmentSection>;
}
