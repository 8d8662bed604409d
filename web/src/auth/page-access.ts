// Which role sees which page, as the API allows it (admin: everything; analyst: all data and imports,
// not users or settings; staff: customers, the churn list, customer 360 and the replenishment list).
// The server enforces this; the page only hides what would answer 403.
import type { Role } from '../api/api-types.ts';

export type PageId = 'overview' | 'customers' | 'churn' | 'retention' | 'products' | 'models' | 'import' | 'users' | 'settings';

const ACCESS: Record<PageId, readonly Role[]> = {
  overview: ['admin', 'analyst', 'staff'],
  customers: ['admin', 'analyst', 'staff'],
  churn: ['admin', 'analyst', 'staff'],
  retention: ['admin', 'analyst'],
  // Staff see the replenishment due list on this page; the other sections say they are not theirs.
  products: ['admin', 'analyst', 'staff'],
  models: ['admin', 'analyst'],
  import: ['admin', 'analyst'],
  users: ['admin'],
  settings: ['admin'],
};

export function canSee(role: Role, page: PageId): boolean {
  return ACCESS[page].includes(role);
}

/**
 * Whether the role sees the analyses inside a page (segments, pyramid, clusters, lifecycle, data
 * quality, hot products, rules): staff get the lists on those pages, not the analyses.
 */
export function seesAnalyses(role: Role): boolean {
  return role !== 'staff';
}

export const PAGE_IDS = Object.keys(ACCESS) as PageId[];
