import { afterEach, describe, expect, it } from 'vitest';
import { segmentName, setSegmentNames, stageName } from './domain-labels.ts';

describe('segment names', () => {
  afterEach(() => setSegmentNames([]));

  it('shows the defaults, the saved names once registered, and an unknown id as it is', () => {
    expect(segmentName('cant-lose', 'en')).toBe("Can't lose");
    expect(segmentName('cant-lose', 'zh-CN')).toBe('不能失去的客户');
    setSegmentNames([{ id: 'cant-lose', en: 'Win back', zh: '重点挽回' }]);
    expect([segmentName('cant-lose', 'en'), segmentName('cant-lose', 'zh-CN')]).toEqual(['Win back', '重点挽回']);
    expect(segmentName('champions', 'en')).toBe('Champions'); // not renamed: the default
    expect(segmentName('custom-7', 'en')).toBe('custom-7');
    expect(stageName('new', 'zh-CN')).toBe('新客户');
    setSegmentNames([]); // a new list replaces the old one
    expect(segmentName('cant-lose', 'en')).toBe("Can't lose");
  });
});
