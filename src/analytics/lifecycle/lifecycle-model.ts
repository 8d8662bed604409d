// Lifecycle stages learned by a decision tree, on the `transactions` table in DuckDB:
//  1. features and stage labels at the training cut-off c₁ (default end − 2w) — lifecycle-sql.ts;
//  2. a CART tree grown on them and pruned by cross-validation (one-SE rule) — cart*.ts;
//  3. its accuracy on the next period: features at c₂ = c₁ + w, labels from (c₂, c₂ + w];
//  4. today's customers (features at the end of the data) classified by the tree;
//  5. the observed stage-to-stage movement between two dates (counts, for a sankey).
import type { DuckDbEngine, Row } from '../../engines/duckdb/duckdb-engine.ts';
import { overlapped } from '../../engines/duckdb/overlapped.ts';
import { quoteIdent } from '../../engines/duckdb/sql-literal.ts';
import { sampleRows } from '../clustering/silhouette.ts';
import { Random } from '../simulate/random.ts';
import { SummaryError } from '../summary/summary-error.ts';
import { growTree, type CartOptions, type CartTree } from './cart.ts';
import { sortedOrder } from './cart-order.ts';
import { predictRows } from './cart-predict.ts';
import { crossValidate, pruneSequence, type CrossValidation, type PruneSequence, type PruneStep } from './cart-prune.ts';
import { treeRules, type Rule } from './cart-rules.ts';
import { rulesCaseSql } from './rules-sql.ts';
import { classificationMetrics, type ClassificationMetrics } from './classification-metrics.ts';
import { customerDaysSql, lifecycleTablesSql, movementFromWideSql, movementSql, stagesAsOfFromFeaturesSql, stagesAsOfSql, type LifecycleTableSpec } from './lifecycle-sql.ts';
import { featureLabel, LIFECYCLE_FEATURES, STAGE_NAMES, STAGES, type Stage } from './lifecycle-stages.ts';

export interface LifecycleOptions {
  windowDays?: number;
  growth?: number;
  /** Last day of data used (default: the last transaction's day). */
  end?: string;
  /** Training cut-off c₁ (default end − 2w); the test cut-off is c₁ + w and must leave a full window. */
  trainCutoff?: string;
  /** Tree size: default depth 4, leaves ≥ max(7, 0.5 % of the training customers), splits from 3 leaves' worth. */
  maxDepth?: number;
  minLeaf?: number;
  minSplit?: number;
  folds?: number;
  /** Above this many training customers the tree is grown and cross-validated on a seeded sample of this size (default 100,000). */
  maxTrainRows?: number;
  /** Pruning: the tree with the lowest cross-validated error ('min', default) or the one-SE rule's smaller tree. */
  prune?: 'min' | '1se';
  seed?: number;
  /** Movement between the stages as of these days (default end − w and end). */
  movementFrom?: string;
  movementTo?: string;
  /**
   * Classify today's customers in SQL into the table lifecycle_today_stage(customer_id, stage, rule)
   * instead of reading them into JS (for a large base): today.ids, predicted and rule are then empty.
   * The work tables (lifecycle_days, _train, _test, _today, …) are then TEMP tables, kept out of a store file.
   */
  classifyInSql?: boolean;
  /**
   * A customer-day table (customer_id, day, spend, purchase: customerDaysSql's columns, e.g.
   * transactionDaysSql with `purchase`) already made from `transactions`, read instead of building
   * lifecycle_days: cvm analyze groups the orders into customer-days once for every part that needs them.
   */
  days?: string;
  /**
   * SQL that does not touch the lifecycle tables, run on DuckDB's threads while the tree grows in JS
   * (about a second, with DuckDB otherwise idle but for the movement counts): cvm analyze passes
   * the time-to-lapse table when its groups are known by then.
   */
  alongside?: string;
}

type StageCounts = Record<Stage, number>;

export interface LifecycleResult {
  settings: Required<Omit<LifecycleOptions, 'movementFrom' | 'movementTo' | 'classifyInSql' | 'days' | 'alongside'>> & { testCutoff: string };
  train: { cutoff: string; customers: number; stages: StageCounts; treeRows: number; sampled: boolean };
  test: ClassificationMetrics & { cutoff: string; stages: StageCounts; baselineAccuracy: number; baselineStage: Stage };
  tree: { sequence: PruneStep[]; cvErrors: number[]; cvSe: number[]; chosen: number; leaves: number; rules: Rule[] };
  today: { asOf: string; customers: number; stages: StageCounts; ids: string[]; predicted: Stage[]; rule: Int32Array };
  movement: { from: string; to: string; counts: { from: string; to: string; customers: number }[] };
}

export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Reads a lifecycle table into feature arrays and, for a labelled table, stage numbers; ids only for
 * an unlabelled one (today's customers), since text is the slowest column to read. Rows come in
 * customer order so that the tree, its ties and the cross-validation folds do not depend on how
 * DuckDB's threads happened to produce them.
 */
async function readTable(db: DuckDbEngine, table: string, labelled: boolean): Promise<{ n: number; ids: string[]; features: Float64Array[]; y: Int32Array }> {
  const cols = await db.columns(`SELECT ${labelled ? '' : 'customer_id, '}${LIFECYCLE_FEATURES.join(', ')}${labelled ? ', stage_no' : ''} FROM (
  SELECT *${labelled ? `, CASE stage ${STAGES.map((st, k) => `WHEN '${st}' THEN ${k}`).join(' ')} END AS stage_no` : ''} FROM ${table}
) ORDER BY customer_id`);
  const features = LIFECYCLE_FEATURES.map((f) => cols[f] as Float64Array);
  const ids = labelled ? [] : (cols.customer_id as (string | null)[]).map((v) => v ?? '');
  const y = labelled ? Int32Array.from(cols.stage_no as Float64Array) : new Int32Array(0);
  return { n: features[0].length, ids, features, y };
}

const countStages = (y: Int32Array): StageCounts => {
  const out = Object.fromEntries(STAGES.map((s) => [s, 0])) as StageCounts;
  for (const c of y) out[STAGES[c]]++;
  return out;
};

/**
 * @example const r = await runLifecycle(db, { windowDays: 90 }); r.tree.rules.map((x) => x.en);
 */
export async function runLifecycle(db: DuckDbEngine, o: LifecycleOptions = {}): Promise<LifecycleResult> {
  const w = o.windowDays ?? 90;
  const growth = o.growth ?? 0.2;
  if (!(Number.isInteger(w) && w >= 1)) throw new SummaryError('invalid-option', `the window must be a whole number of days ≥ 1, got ${w}`);
  if (!(growth >= 0 && growth < 1)) throw new SummaryError('invalid-option', `the growth threshold must be in [0, 1), got ${growth}`);
  const temp = o.classifyInSql === true;
  const days = o.days ?? 'lifecycle_days';
  if (o.days === undefined) await db.run(customerDaysSql('transactions', days, temp));
  const last = await db.scalar(`SELECT strftime(max(day), '%Y-%m-%d') FROM ${quoteIdent(days)}`);
  if (typeof last !== 'string') throw new SummaryError('no-transactions', 'there are no transactions');
  const end = o.end ?? last;
  const c1 = o.trainCutoff ?? addDays(end, -2 * w);
  const c2 = addDays(c1, w);
  if (addDays(c2, w) > end) throw new SummaryError('invalid-option', `training cut-off ${c1} + 2 windows of ${w} days ends after ${end}: the test period needs a full window`);
  // In SQL mode the three are views, dropped before returning (see lifecycleTablesSql).
  const views = temp ? { perCustomer: 'lifecycle_per_customer' } : undefined;
  const tables: LifecycleTableSpec[] = [
    { cutoff: c1, labels: true, target: 'lifecycle_train' },
    { cutoff: c2, labels: true, target: 'lifecycle_test' },
    { cutoff: end, labels: false, target: 'lifecycle_today' },
  ];
  await db.run(lifecycleTablesSql(tables, { windowDays: w, growth, temp, views, days }));
  // With the wide table kept (SQL mode), the movement is counted from it in one pass when its dates are those tables' (the defaults).
  const wide = views ? (from: string, to: string) => movementFromWideSql(tables, { windowDays: w, growth, perCustomer: views.perCustomer }, { from, to, asOf: end }) : undefined;
  try {
    return await fromTables(db, o, { w, growth, end, c1, c2, temp, days, wide });
  } finally {
    if (views) await db.run(`DROP VIEW IF EXISTS lifecycle_train; DROP VIEW IF EXISTS lifecycle_test; DROP VIEW IF EXISTS lifecycle_today; DROP TABLE IF EXISTS ${views.perCustomer}`);
  }
}

/** runLifecycle once the training, test and today tables (or views) are built. */
async function fromTables(db: DuckDbEngine, o: LifecycleOptions, d: {
  w: number; growth: number; end: string; c1: string; c2: string; temp: boolean; days: string; wide?: (from: string, to: string) => string | null;
}): Promise<LifecycleResult> {
  const { w, growth, end, c1, c2, temp, days } = d;
  const seed = o.seed ?? 1;
  // Growing and cross-validating ten more trees cost O(n·p) a level each but with a large constant
  // (a million customers: ~30 s); 100,000 customers pin splits that keep ≥ 0.5 % of the rows per
  // leaf to well within their noise, so larger bases train on a seeded sample of that size.
  const maxTrainRows = o.maxTrainRows ?? 100_000;
  // In SQL mode only the sample is read (hash-ordered by id and seed); otherwise all rows, sampled here.
  const train = o.classifyInSql ? await readTrainSample(db, maxTrainRows, seed) : { ...(await readTable(db, 'lifecycle_train', true)), total: 0, stages: undefined };
  if (!o.classifyInSql) train.total = train.n;
  if (train.total < 2) throw new SummaryError('no-transactions', `only ${train.total} customer(s) bought on or before the training cut-off ${c1}`);
  const from = o.movementFrom ?? addDays(end, -w);
  const to = o.movementTo ?? end;
  if (!(from < to)) throw new SummaryError('invalid-option', `the movement runs from an earlier date to a later one (got ${from} → ${to})`);
  // Neither depends on the tree, so DuckDB counts the movement while the tree grows in JS: from the
  // wide table in one pass (movementFromWideSql), or else from the stages as of both dates.
  const wideSql = d.wide?.(from, to) ?? null;
  const movement = wideSql !== null ? rowsAlongside(db, wideSql, o.alongside) : asOfMovement(db, { from, to, w, growth, end, c1, c2, temp, days }, o.alongside);
  let learned: Learned;
  try {
    learned = learnRules(train, o, maxTrainRows, seed, w);
  } catch (e) {
    await movement().catch(() => {});
    throw e;
  }
  const { tree, seq, cv, chosen, alpha, rules, treeRows, minLeaf, cart, prune } = learned;
  const moved = await movement();
  const test = o.classifyInSql ? await testInSql(db, rules) : await testInJs(db, tree, seq.collapseAlpha, alpha);
  const trainCounts = train.stages ?? countStages(train.y);
  const baseline = STAGES.reduce((a, b) => (trainCounts[b] > trainCounts[a] ? b : a));
  const metrics = classificationMetrics(test.y, test.predicted, STAGES.length);
  const baselineAccuracy = test.y.length ? test.y.filter((c) => STAGES[c] === baseline).length / test.y.length : Number.NaN;

  const today = o.classifyInSql ? await classifyTodayInSql(db, rules) : await classifyTodayInJs(db, tree, seq.collapseAlpha, alpha, rules);

  const counts = moved.map((r) => ({ from: String(r.from), to: String(r.to), customers: Number(r.customers) }));

  return {
    settings: { windowDays: w, growth, end, trainCutoff: c1, testCutoff: c2, maxDepth: cart.maxDepth ?? 4, minLeaf, minSplit: cart.minSplit ?? 3 * minLeaf, folds: cv.folds, maxTrainRows, prune, seed },
    train: { cutoff: c1, customers: train.total, stages: trainCounts, treeRows, sampled: treeRows < train.total },
    test: { ...metrics, cutoff: c2, stages: countStages(test.y), baselineAccuracy, baselineStage: baseline },
    tree: { sequence: seq.steps, cvErrors: cv.errors, cvSe: cv.se, chosen, leaves: seq.steps[chosen].leaves, rules },
    today: { asOf: end, ...today },
    movement: { from, to, counts },
  };
}

/**
 * Starts a query whose rows are wanted later (with `more` statements after it), like overlapped():
 * the rows go to a temp table in the same call, read once the wait is over.
 */
function rowsAlongside(db: DuckDbEngine, sql: string, more?: string): () => Promise<Row[]> {
  const built = overlapped(db, `CREATE OR REPLACE TEMP TABLE lifecycle_movement AS ${sql};${more === undefined ? '' : `\n${more}`}`);
  return async () => {
    await built();
    const rows = await db.rows('SELECT * FROM lifecycle_movement ORDER BY 1, 2');
    await db.run('DROP TABLE lifecycle_movement');
    return rows;
  };
}

/**
 * The movement through the stages as of both dates: each as of d is the label at cut-off d − w,
 * reusing the training and test tables when those are its cut-off (each rebuild is a pass over all
 * customer-days), with the 'new' customers from today's features when those cover d. The tables are
 * built alongside (the returned wait), the counts read after them.
 */
function asOfMovement(db: DuckDbEngine, d: { from: string; to: string; w: number; growth: number; end: string; c1: string; c2: string; temp: boolean; days: string }, more?: string): () => Promise<Row[]> {
  const labelledAt = new Map([[d.c1, 'lifecycle_train'], [d.c2, 'lifecycle_test']]);
  const asOf = [[d.from, 'lifecycle_as_of_from'], [d.to, 'lifecycle_as_of_to']].map(([day, target]) => {
    const labelled = labelledAt.get(addDays(day, -d.w));
    return labelled !== undefined && day <= d.end
      ? stagesAsOfFromFeaturesSql(day, d.w, target, labelled, { table: 'lifecycle_today', asOf: d.end }, d.temp)
      : stagesAsOfSql(day, d.w, d.growth, target, labelled, d.days, d.temp);
  });
  const built = overlapped(db, [...asOf, ...(more === undefined ? [] : [more])].join(';\n'));
  return async () => {
    await built();
    return db.rows(movementSql('lifecycle_as_of_from', 'lifecycle_as_of_to'));
  };
}

interface Learned {
  tree: CartTree; seq: PruneSequence; cv: CrossValidation;
  chosen: number; alpha: number; rules: Rule[]; treeRows: number; minLeaf: number; cart: CartOptions; prune: 'min' | '1se';
}

/** The tree grown on the training rows (sampled above maxTrainRows), pruned by cross-validation, and its rules: JS only. */
function learnRules(train: { n: number; features: Float64Array[]; y: Int32Array }, o: LifecycleOptions, maxTrainRows: number, seed: number, w: number): Learned {
  const rows = !o.classifyInSql && train.n > maxTrainRows ? sampleRows(train.n, maxTrainRows, new Random(seed)) : undefined;
  const treeRows = rows?.length ?? train.n;
  const minLeaf = o.minLeaf ?? Math.max(7, Math.round(0.005 * treeRows));
  const cart: CartOptions = { maxDepth: o.maxDepth ?? 4, minLeaf, minSplit: o.minSplit ?? 3 * minLeaf };
  const data = { features: train.features, y: train.y, classes: STAGES.length, rows };
  // Sorted once for the main tree and the cross-validation (growTree copies it; crossValidate reads it).
  const order = sortedOrder(data.features, rows ?? Int32Array.from(data.y, (_, i) => i));
  const tree = growTree(data, cart, order);
  const seq = pruneSequence(tree);
  const folds = o.folds ?? 10;
  const cv = crossValidate(data, cart, seq, folds, seed, order);
  const prune = o.prune ?? 'min';
  const chosen = prune === 'min' ? cv.minimum : cv.oneSe;
  const alpha = seq.steps[chosen].alpha;
  const rules = treeRules(tree, seq.collapseAlpha, alpha, LIFECYCLE_FEATURES.map((f) => featureLabel(f, w)), STAGES.map((s) => STAGE_NAMES[s]));
  return { tree, seq, cv, chosen, alpha, rules, treeRows, minLeaf, cart, prune };
}

type Today = Omit<LifecycleResult['today'], 'asOf'>;

async function classifyTodayInJs(db: DuckDbEngine, tree: ReturnType<typeof growTree>, collapse: Float64Array, alpha: number, rules: Rule[]): Promise<Today> {
  const today = await readTable(db, 'lifecycle_today', false);
  const pred = predictRows(tree, collapse, alpha, today.features);
  const ruleOfLeaf = new Map(rules.map((r, k) => [r.leaf, k]));
  return {
    customers: today.ids.length, stages: countStages(pred.classes), ids: today.ids,
    predicted: Array.from(pred.classes, (c) => STAGES[c]), rule: Int32Array.from(pred.leaves, (l) => ruleOfLeaf.get(l) ?? -1),
  };
}

async function classifyTodayInSql(db: DuckDbEngine, rules: Rule[]): Promise<Today> {
  const stageOfRule = `CASE rule ${rules.map((r, k) => `WHEN ${k} THEN '${STAGES[r.predicted]}'`).join(' ')} END`;
  await db.run(`CREATE OR REPLACE TEMP TABLE lifecycle_today_stage AS
SELECT customer_id, ${stageOfRule} AS stage, rule FROM (SELECT customer_id, ${rulesCaseSql(rules, LIFECYCLE_FEATURES)} AS rule FROM lifecycle_today)`);
  const counts = await db.rows('SELECT stage, count(*) AS n FROM lifecycle_today_stage GROUP BY stage');
  const stages = Object.fromEntries(STAGES.map((s) => [s, Number(counts.find((c) => c.stage === s)?.n ?? 0)])) as StageCounts;
  return { customers: Object.values(stages).reduce((a, b) => a + b, 0), stages, ids: [], predicted: [], rule: new Int32Array(0) };
}

const stageNoSql = `CASE stage ${STAGES.map((st, k) => `WHEN '${st}' THEN ${k}`).join(' ')} END`;

/** The training table's size and stage counts, and a seeded sample of at most `max` rows in customer order. */
async function readTrainSample(db: DuckDbEngine, max: number, seed: number): Promise<{ n: number; total: number; stages: StageCounts; features: Float64Array[]; y: Int32Array }> {
  const counts = await db.rows('SELECT stage, count(*) AS n FROM lifecycle_train GROUP BY stage');
  const stages = Object.fromEntries(STAGES.map((st) => [st, Number(counts.find((c) => c.stage === st)?.n ?? 0)])) as StageCounts;
  const cols = await db.columns(`SELECT ${LIFECYCLE_FEATURES.join(', ')}, ${stageNoSql} AS stage_no FROM (
  SELECT * FROM lifecycle_train ORDER BY hash(customer_id, ${Math.round(seed)}), customer_id LIMIT ${Math.round(max)}
) ORDER BY customer_id`);
  const features = LIFECYCLE_FEATURES.map((f) => cols[f] as Float64Array);
  return { n: features[0].length, total: Object.values(stages).reduce((a, b) => a + b, 0), stages, features, y: Int32Array.from(cols.stage_no as Float64Array) };
}

async function testInJs(db: DuckDbEngine, tree: ReturnType<typeof growTree>, collapse: Float64Array, alpha: number): Promise<{ y: Int32Array; predicted: Int32Array }> {
  const test = await readTable(db, 'lifecycle_test', true);
  return { y: test.y, predicted: predictRows(tree, collapse, alpha, test.features).classes };
}

/** The test period classified by the rules in SQL: (actual, predicted) pairs counted there, expanded here as small integers. */
async function testInSql(db: DuckDbEngine, rules: Rule[]): Promise<{ y: Int32Array; predicted: Int32Array }> {
  const pairs = await db.rows(`SELECT ${stageNoSql} AS actual, ${rulesCaseSql(rules, LIFECYCLE_FEATURES)} AS rule, count(*) AS n FROM lifecycle_test GROUP BY ALL ORDER BY ALL`);
  const n = pairs.reduce((a, p) => a + Number(p.n), 0);
  const y = new Int32Array(n), predicted = new Int32Array(n);
  let i = 0;
  for (const p of pairs) {
    const k = Number(p.n);
    y.fill(Number(p.actual), i, i + k);
    predicted.fill(rules[Number(p.rule)].predicted, i, i + k);
    i += k;
  }
  return { y, predicted };
}
