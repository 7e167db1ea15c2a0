import type { ProducerConfig } from '../producer-config';
import type { TrafficProfile } from './traffic-profile';

/** The traffic profile the flags describe; `now` stands in for `--start-time now`. */
export function trafficProfileOf(c: ProducerConfig, now: number): TrafficProfile {
  return {
    seed: c.seed,
    startTime: c.startTime === 'now' ? now : Date.parse(c.startTime),
    eventsPerSecond: c.eventRate > 0 ? c.eventRate : c.rate,
    pageCount: c.pages,
    zipfExponent: c.zipf,
    userCount: c.users,
    sessionContinueProbability: 0.7,
    jitterMs: c.jitterMs,
    lateRatio: c.lateRatio,
    lateMinMs: c.lateMinMs,
    lateMaxMs: c.lateMaxMs,
    spike:
      c.spikePage === 'none'
        ? undefined
        : { page: c.spikePage, startOffsetMs: c.spikeAtS * 1000, durationMs: c.spikeDurationS * 1000, factor: c.spikeFactor },
  };
}
