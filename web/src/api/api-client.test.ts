import { describe, expect, it } from 'vitest';
import { apiUrl, queryString } from './api-client.ts';

describe('queryString', () => {
  it('drops empty values and sorts keys so equal queries give equal URLs', () => {
    expect(queryString({ pageSize: 50, page: 2, segment: null, q: '', tier: undefined, order: 'desc' })).toBe('?order=desc&page=2&pageSize=50');
  });
  it('encodes values', () => {
    expect(queryString({ q: '王 & co' })).toBe('?q=%E7%8E%8B+%26+co');
  });
  it('is empty without params', () => {
    expect(queryString(undefined)).toBe('');
    expect(queryString({ a: null })).toBe('');
  });
  it('apiUrl prefixes /api', () => {
    expect(apiUrl('/churn.csv', { segment: 'at-risk' })).toBe('/api/churn.csv?segment=at-risk');
  });
});
