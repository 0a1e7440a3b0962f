import { describe, expect, it } from 'vitest';
import { formatViewers } from '@/lib/domain/format';

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
