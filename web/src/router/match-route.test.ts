import { describe, expect, it } from 'vitest';
import { matchRoute, pathOf } from './match-route.ts';

describe('matchRoute', () => {
  it('matches fixed paths and the root', () => {
    expect(matchRoute('/', '/')).toEqual({});
    expect(matchRoute('/churn', '/churn')).toEqual({});
    expect(matchRoute('/churn', '/customers')).toBeNull();
  });
  it('takes params, decoded, and ignores a query string', () => {
    expect(matchRoute('/customers/:id', '/customers/M%2F001?lang=en')).toEqual({ id: 'M/001' });
  });
  it('does not match a longer or shorter path', () => {
    expect(matchRoute('/customers/:id', '/customers')).toBeNull();
    expect(matchRoute('/customers', '/customers/x')).toBeNull();
  });
  it('refuses a malformed escape instead of throwing', () => {
    expect(matchRoute('/customers/:id', '/customers/%E0%A4%A')).toBeNull();
  });
  it('pathOf round-trips through matchRoute', () => {
    const id = '客户 7/b';
    expect(matchRoute('/customers/:id', pathOf('/customers/:id', { id }))).toEqual({ id });
  });
});
