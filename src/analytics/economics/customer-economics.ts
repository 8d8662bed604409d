// Customer economics of the course material: simple retention value, the substitute value that a
// competitor offers (转移成本 / switching cost), and per-customer profitability.
export { retentionValue } from '../models/clv.ts';

export interface SubstituteInputs {
  /** Q: quantity the customer would buy. */
  quantity: number;
  /** U: expected utility (value to the customer) of one unit of the substitute. */
  utility: number;
  /** P: the substitute's price per unit. */
  price: number;
  /** O: other costs of choosing the substitute (travel, learning). */
  otherCosts: number;
  /** M: cost of maintaining the new relationship. */
  maintenanceCost: number;
  /** S: search and switching cost. */
  switchingCost: number;
}

/**
 * Substitute value SV = Q·(U − P) − O − M − S: what switching would gain the customer. A customer
 * stays while the value we deliver exceeds SV; raising S (points that grow in value, tiers, prepaid
 * balances, clubs) lowers SV.
 */
export function substituteValue(s: SubstituteInputs): number {
  for (const [k, v] of Object.entries(s)) if (!Number.isFinite(v)) throw new RangeError(`${k} must be a number`);
  return s.quantity * (s.utility - s.price) - s.otherCosts - s.maintenanceCost - s.switchingCost;
}

/** Profitability per customer (顾客营利性): gross margin minus the cost to serve. */
export function customerProfit(revenue: ArrayLike<number>, cost: ArrayLike<number>, costToServe: ArrayLike<number>): Float64Array {
  const out = new Float64Array(revenue.length);
  for (let i = 0; i < out.length; i++) out[i] = revenue[i] - cost[i] - costToServe[i];
  return out;
}
