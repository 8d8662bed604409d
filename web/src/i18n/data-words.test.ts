import { describe, expect, it } from 'vitest';
import { baseName, modelReason, profileValue } from './data-words.ts';

describe('profileValue', () => {
  it('translates gender and member tier codes for Chinese pages', () => {
    expect(profileValue('gender', 'F', 'zh-CN')).toBe('女');
    expect(profileValue('gender', 'M', 'zh-CN')).toBe('男');
    expect(profileValue('gender', 'M', 'en')).toBe('male');
    expect(profileValue('tier', 'platinum', 'zh-CN')).toBe('铂金');
    expect(profileValue('tier', 'gold', 'zh-CN')).toBe('金卡');
    expect(profileValue('tier', 'silver', 'zh-CN')).toBe('银卡');
    expect(profileValue('tier', 'regular', 'zh-CN')).toBe('普通会员');
  });
  it('leaves unknown values and other fields as they are', () => {
    expect(profileValue('tier', 'emerald', 'zh-CN')).toBe('emerald');
    expect(profileValue('city', 'M', 'zh-CN')).toBe('M');
  });
});

describe('modelReason', () => {
  it('translates the reasons the pipeline writes', () => {
    expect(modelReason('BG/NBD as requested', 'zh-CN')).toBe('BG/NBD（按要求指定）');
    expect(modelReason('BG/NBD, the default (--model auto also fits Pareto/NBD and keeps the better)', 'zh-CN'))
      .toBe('BG/NBD（默认模型；--model auto 会同时拟合 Pareto/NBD 并保留更好的一个）');
    expect(modelReason('Pareto/NBD fits better (BIC lower by 1.3; both have 4 parameters, so this is the higher likelihood); the difference is small, so either model would serve', 'zh-CN'))
      .toBe('Pareto/NBD 拟合更好（BIC 低 1.3；两个模型都有 4 个参数，所以它的似然也更高）；差距很小，两个模型都可使用');
    expect(modelReason('BG/NBD fits better (BIC lower by 12.0; both have 4 parameters, so this is the higher likelihood)', 'zh-CN'))
      .toBe('BG/NBD 拟合更好（BIC 低 12.0；两个模型都有 4 个参数，所以它的似然也更高）');
  });
  it('keeps English pages and unknown wording unchanged', () => {
    expect(modelReason('BG/NBD as requested', 'en')).toBe('BG/NBD as requested');
    expect(modelReason('something else', 'zh-CN')).toBe('something else');
  });
});

describe('baseName', () => {
  it('strips directories of either kind', () => {
    expect(baseName('/tmp/cvm-upload-x1/orders.csv')).toBe('orders.csv');
    expect(baseName('C:\\data\\orders.csv')).toBe('orders.csv');
    expect(baseName('orders.csv')).toBe('orders.csv');
  });
});
