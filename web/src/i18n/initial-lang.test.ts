import { describe, expect, it } from 'vitest';
import { initialLang } from './initial-lang.ts';

describe('initialLang', () => {
  it('prefers the address, then the stored choice, then the browser', () => {
    expect(initialLang('en', 'zh-CN', 'zh-CN')).toBe('zh-CN');
    expect(initialLang('en', 'zh-CN')).toBe('en');
    expect(initialLang(null, 'en-GB')).toBe('en');
  });
  it('falls back to Chinese and ignores unknown values', () => {
    expect(initialLang('fr', 'de-DE', 'xx')).toBe('zh-CN');
    expect(initialLang(null, undefined)).toBe('zh-CN');
  });
});
