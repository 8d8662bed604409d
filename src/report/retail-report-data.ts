// The retail analytics sections of ReportData (issue 5): clusters, lifecycle stages, time to lapse,
// cohort retention, loyalty, satisfaction, hot products, association rules and replenishment. Plain
// JSON-able data like the rest of report-data.ts (null, never NaN), re-exported from there; the API
// serves them per run under these names. Labels of things the analysis names (clusters, stages,
// rules) carry both languages.
import type { LocalText, Section } from './report-data.ts';

export interface BilingualLabel {
  en: string;
  zh: string;
}

export interface ClusterInfo {
  /** 0-based, numbered by size in the sample the clusters were found on (largest first). */
  id: number;
  label: BilingualLabel;
  /** Customers assigned to the cluster (everyone, by nearest centroid). */
  customers: number;
  share: number;
  /** Members' mean of each feature in its own unit (days, orders, money, items). */
  means: Record<string, number | null>;
  /** Centroid in standard deviations of log1p(feature) from the base's mean. */
  centroid: Record<string, number>;
}

export interface ClustersSection {
  features: { id: string; label: BilingualLabel }[];
  /** Features left out and why (e.g. the same value for everyone). */
  dropped: { feature: string; reason: string }[];
  /** Customers k-means and the silhouette ran on, out of all. */
  sample: { rows: number; of: number };
  silhouette: { k: number; mean: number }[];
  k: number;
  chosenBy: 'silhouette' | 'given';
  clusters: ClusterInfo[];
}

export interface LifecycleRuleInfo {
  /** 1-based, the customers file's lifecycle_rule. */
  id: number;
  stage: string;
  en: string;
  zh: string;
  /** Training customers in the rule's leaf, and the share of them in its stage. */
  trainingCustomers: number;
  share: number;
  /** Today's customers the rule classifies. */
  customers: number;
}

export interface LifecycleSection {
  windowDays: number;
  growth: number;
  trainCutoff: string;
  testCutoff: string;
  asOf: string;
  trainCustomers: number;
  /** Share of the test period's customers whose stage the tree predicted right, and the majority-stage baseline. */
  accuracy: number;
  baselineAccuracy: number;
  baselineStage: string;
  testCustomers: number;
  rules: LifecycleRuleInfo[];
  /** Today's customers by predicted stage. */
  stages: { stage: string; customers: number }[];
  /** Observed stage moves between two dates ('new': first purchase in the window, 'none': not yet a customer). */
  movement: { from: string; to: string; counts: { from: string; to: string; customers: number }[] };
}

export interface SurvivalPoint {
  /** Days since the first purchase. */
  time: number;
  surv: number;
  lower: number;
  upper: number;
  atRisk: number;
}

export interface SurvivalCurveInfo {
  group: string;
  customers: number;
  lapsed: number;
  /** Median days to lapse and its confidence limits; null when the curve stays above 0.5. */
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
  points: SurvivalPoint[];
}

export interface SurvivalSection {
  lapseDays: number;
  end: string;
  /** The customers column the curves are split by. */
  by: string;
  customers: number;
  lapsed: number;
  /** Customers the rule called lapsed who bought again later. */
  returnedAfterLapse: number;
  confInt: number;
  overall: SurvivalCurveInfo;
  groups: SurvivalCurveInfo[];
}

export interface CohortsSection {
  end: string;
  months: number;
  partialLastMonth: boolean;
  cohorts: { cohort: string; customers: number; share: (number | null)[] }[];
}

export interface LoyaltySection {
  customers: number;
  /** Share of customers with two or more orders. */
  repeatRate: number;
  /** Mean days between consecutive orders of repeat customers. */
  meanDaysBetweenOrders: number | null;
  /** Share of spend bought on discount (price sensitivity). */
  discountShare: Section<{ share: number }>;
  /** Of customers who complained, the share who bought again afterwards (tolerance). */
  boughtAfterComplaint: Section<{ share: number }>;
}

export interface SatisfactionSection {
  nps: number;
  responses: number;
  quadrants: { quadrant: string; customers: number }[];
}

/** Profitability per customer (margin − cost to serve) and retention value m·r/(1 + d − r), when costs are known. */
export interface EconomicsSection {
  /** Annual discount rate d and the base's retention rate r per year. */
  discountRate: number;
  retention: number;
  customers: number;
  totalMargin: number;
  /** Mean retention value per customer, from the mean annual margin m. */
  meanRetentionValue: number;
  /** Each value-pyramid tier's customers, margin and share of the total margin (when the tiers were computed). */
  tiers?: { tier: string; customers: number; margin: number; share: number }[];
}

export type HotCondition = 'weeklyUnits' | 'firstTimeBuyerShare' | 'favorites' | 'views';

export interface HotProductInfo {
  productId: string;
  name: string | null;
  weeklyUnits: number;
  firstTimeBuyerShare: number | null;
  favorites: number | null;
  views: number | null;
  conditions: Record<HotCondition, 'met' | 'not-met' | 'unknown'>;
  hot: boolean;
}

export interface HotProductsSection {
  weeks: number;
  /** Window the measures cover, YYYY-MM-DD. */
  from: string;
  to: string;
  thresholds: Record<HotCondition, number>;
  products: number;
  hot: number;
  /** Conditions that could not be judged, with the missing input. */
  unknown: { condition: HotCondition; reason: LocalText }[];
  top: HotProductInfo[];
}

export interface RuleInfo {
  lhs: { id: string; name: string | null }[];
  rhs: { id: string; name: string | null };
  support: number;
  confidence: number;
  coverage: number;
  lift: number;
  count: number;
}

export interface RulesSection {
  /** What a basket is: 'order' (order ids) or 'customer-day' (no order column). */
  basketBy: 'order' | 'customer-day';
  baskets: number;
  items: number;
  support: number;
  confidence: number;
  minlen: number;
  maxlen: number;
  /** Rules found, and left after redundancy pruning (when on). */
  found: number;
  kept: number;
  top: RuleInfo[];
}

export interface DueItem {
  customer_id: string;
  product_id: string;
  product_name: string | null;
  purchases: number;
  median_interval_days: number;
  last_purchase: string;
  next_purchase: string;
}

export interface ReplenishmentSection {
  minPurchases: number;
  dueDays: number;
  asOf: string;
  /** Customer × product pairs with a cycle (≥ minPurchases purchase days), and their customers. */
  pairs: number;
  customers: number;
  /** Pairs and customers due within dueDays after asOf; pairs already past their date. */
  duePairs: number;
  dueCustomers: number;
  overduePairs: number;
  /** Quartiles of the typical interval in days. */
  interval: { p25: number; median: number; p75: number };
  due: DueItem[];
}
