import { slope } from './linear-fit';

describe('slope', () => {
  it.each([
    ['a flat series', [1, 1, 1, 1], 0],
    ['a series growing by 2 per step', [0, 2, 4, 6], 2],
    ['a noisy series around a rise of 1 per step', [0, 1.5, 1.5, 3], 0.9],
    ['a single point', [5], 0],
  ])('of %s', (_name, ys, expected) => {
    expect(slope(ys.map((y, x) => ({ x, y })))).toBeCloseTo(expected, 5);
  });
});
