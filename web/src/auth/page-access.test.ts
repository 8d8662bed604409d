import { describe, expect, it } from 'vitest';
import { canSee, PAGE_IDS, seesAnalyses } from './page-access.ts';

describe('canSee', () => {
  it('gives admins every page', () => {
    expect(PAGE_IDS.every((p) => canSee('admin', p))).toBe(true);
  });
  it('keeps users and settings for admins', () => {
    for (const role of ['analyst', 'staff'] as const) {
      expect(canSee(role, 'users')).toBe(false);
      expect(canSee(role, 'settings')).toBe(false);
    }
  });
  it('keeps the analyses inside pages from staff', () => {
    expect(seesAnalyses('staff')).toBe(false);
    expect(seesAnalyses('analyst')).toBe(true);
  });
  it('gives staff the customer lists but not models or imports', () => {
    expect(['overview', 'customers', 'churn', 'products'].every((p) => canSee('staff', p as 'overview'))).toBe(true);
    expect(canSee('staff', 'models')).toBe(false);
    expect(canSee('staff', 'import')).toBe(false);
    expect(canSee('analyst', 'import')).toBe(true);
  });
});
