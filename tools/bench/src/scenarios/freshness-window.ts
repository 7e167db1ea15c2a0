/**
 * When to start producing so that 60 s windows close inside the run: the watermark passes a
 * window's end `outOfOrdernessMs` after it (jitter off), and it must do so before the run ends.
 * Aims for two closed windows (one of them whole) when the run is long enough, else one.
 * Returns the delay in ms from `now` to a start second within [earliest, 55] of a minute.
 */
export function delayToAlignedStart(now: number, runSeconds: number, outOfOrdernessMs: number, windowMs = 60_000): number {
  const slackMs = 3_000;
  const latest = windowMs - 5_000;
  // Starting at second s, the n-th window end comes (n * windowMs - s) later and fires outOfOrderness after it.
  const earliestFor = (windows: number) => Math.max(0, windows * windowMs + outOfOrdernessMs + slackMs - runSeconds * 1000);
  const earliest = [2, 1].map(earliestFor).find((e) => e <= latest);
  if (earliest === undefined) throw new RangeError(`a ${runSeconds} s run is too short to see a ${windowMs / 1000} s window close`);
  const intoWindow = now % windowMs;
  if (intoWindow >= earliest && intoWindow <= latest) return 0;
  return intoWindow < earliest ? earliest - intoWindow : windowMs - intoWindow + earliest;
}
