import { describe, expect, it } from 'vitest';
import { formatGap, formatViewers } from '@/lib/domain/format';

describe('viewer counts', () => {
  it.each([
    [950, '950'],
    [4_200, '4.2K'],
    [12_345, '12K'],
    [999_499, '999K'],
    [999_500, '1M'],
    [1_300_000, '1.3M'],
  ])('%i reads %s', (count, shown) => {
    expect(formatViewers(count)).toBe(shown);
  });
});

describe('how often something recurs', () => {
  it.each([
    [0.2, '1 min'],
    [45, '45 min'],
    [60, '60 min'],
    [288, '4.8 h'],
    [600, '10 h'],
    [1440, '24 h'],
    [2880, '2 d'],
    [4000, '2.8 d'],
  ])('%f minutes read %s', (minutes, shown) => {
    expect(formatGap(minutes)).toBe(shown);
  });
});
