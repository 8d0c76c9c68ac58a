/**
 * A small seeded generator (mulberry32): the same seed gives the same kill moments, kill modes
 * and traffic choices, so a failing run can be repeated. (Which request is in flight at a kill
 * still depends on scheduling; the seed fixes the plan, not the interleaving.)
 */
export interface SeededRandom {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  /** True with this probability. */
  chance(probability: number): boolean;
  pick<T>(choices: readonly T[]): T;
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (choices) => {
      if (choices.length === 0) {
        throw new Error('pick() needs at least one choice');
      }
      return choices[Math.floor(next() * choices.length)] as (typeof choices)[number];
    },
  };
}
