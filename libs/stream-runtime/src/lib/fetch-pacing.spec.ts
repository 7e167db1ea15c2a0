import { fetchPacing, LONG_FETCH_WAIT_MS, PACED_MAX_LAG, PACING_HORIZON_MS, shortPacing, SHORT_FETCH_WAIT_MS, type PartitionPace } from './fetch-pacing';

const MiB = 1024 * 1024;
const limits = { maxBytes: MiB, maxBytesPerPartition: MiB / 2 };
const calm: PartitionPace = { live: true, lag: 0, eventTimeToNextFire: 50_000, sinceLastBatchMs: 200 };
const SHORT = { maxWaitTimeInMs: SHORT_FETCH_WAIT_MS, minBytes: MiB / 2 };
const LONG = { maxWaitTimeInMs: LONG_FETCH_WAIT_MS, minBytes: MiB };

describe('fetchPacing', () => {
  it('waits long when every partition is live, caught up and far from its next output', () => {
    expect(fetchPacing([calm, calm, { ...calm, lag: PACED_MAX_LAG, eventTimeToNextFire: Number.POSITIVE_INFINITY }, { ...calm, eventTimeToNextFire: PACING_HORIZON_MS + 1_001, sinceLastBatchMs: 1_000 }], limits)).toEqual(LONG);
  });

  it('waits short as soon as one partition has output due within the horizon, lags, is not live or has not been fetched', () => {
    for (const odd of [
      { eventTimeToNextFire: PACING_HORIZON_MS },
      { eventTimeToNextFire: PACING_HORIZON_MS + 1_000, sinceLastBatchMs: 1_000 }, // quiet: its event time is old
      { eventTimeToNextFire: Number.POSITIVE_INFINITY, sinceLastBatchMs: Number.POSITIVE_INFINITY }, // never fetched
      { eventTimeToNextFire: 0 },
      { lag: PACED_MAX_LAG + 1 },
      { lag: undefined },
      { live: false },
    ]) {
      expect(fetchPacing([calm, { ...calm, ...odd }, calm], limits)).toEqual(SHORT);
    }
  });

  it('waits short with no partition (nothing to pace by)', () => {
    expect(fetchPacing([], limits)).toEqual(SHORT);
  });

  it('never waits for more bytes than a fetch may bring', () => {
    expect(fetchPacing([calm], { maxBytes: MiB / 4, maxBytesPerPartition: MiB / 8 })).toEqual({ maxWaitTimeInMs: LONG_FETCH_WAIT_MS, minBytes: MiB / 4 });
    expect(shortPacing({ maxBytes: MiB / 4, maxBytesPerPartition: MiB / 8 })).toEqual({ maxWaitTimeInMs: SHORT_FETCH_WAIT_MS, minBytes: MiB / 8 });
    expect(shortPacing({ maxBytes: 8 * MiB, maxBytesPerPartition: 4 * MiB })).toEqual({ maxWaitTimeInMs: SHORT_FETCH_WAIT_MS, minBytes: MiB });
  });
});
