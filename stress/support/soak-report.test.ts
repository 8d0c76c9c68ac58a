import type { RssSample } from './rss-sampler';
import { memoryFigures } from './soak-report';

/** Ten-second samples over `minutes`, engine RSS from `rss(seconds)`. */
function samples(minutes: number, rss: (seconds: number) => number): RssSample[] {
  return Array.from({ length: minutes * 6 + 1 }, (_, i) => ({
    atSeconds: i * 10,
    engineMib: rss(i * 10),
    jvmMib: undefined,
    engineThreads: 40,
  }));
}

/** A garbage-collection sawtooth: climbs 60 MiB over 50 s, falls back to the floor. */
const sawtooth = (floor: (seconds: number) => number) => (seconds: number) =>
  floor(seconds) + ((seconds % 60) / 50) * 60;

describe('resident memory figures of the soak', () => {
  it.each([
    [
      'a sawtooth over a level floor',
      samples(
        10,
        sawtooth(() => 1300),
      ),
      0,
    ],
    [
      'a floor rising 5 MiB a minute',
      samples(
        10,
        sawtooth((s) => 1300 + (s / 60) * 5),
      ),
      5,
    ],
    [
      'a floor rising 1 MiB a minute',
      samples(
        10,
        sawtooth((s) => 1300 + s / 60),
      ),
      1,
    ],
  ])('fits the floor of each minute through %s', (_name, series, perMinute) => {
    expect(memoryFigures(series, (s) => s.engineMib).floorSlopeMibPerMinute).toBeCloseTo(
      perMinute,
      0,
    );
  });

  it('fits every sample after the first third when the run is too short for minute floors', () => {
    const figures = memoryFigures(
      samples(2, (s) => 1000 + s),
      (s) => s.engineMib,
    );
    expect(figures.floorSlopeMibPerMinute).toBeUndefined();
    expect(figures.slopeMibPerMinute).toBeCloseTo(60, 5);
  });

  it('reports start, end, max and the lowest sample of each whole minute', () => {
    const figures = memoryFigures(
      samples(
        3,
        sawtooth(() => 500),
      ),
      (s) => s.engineMib,
    );
    expect(figures).toMatchObject({
      startMib: 500,
      endMib: 500,
      maxMib: 560,
      minuteFloorsMib: [500, 500, 500],
    });
  });
});
