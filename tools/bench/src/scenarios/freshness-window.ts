/**
 * When to start producing so that a 60 s window closes inside the run: the watermark passes a
 * window's end `outOfOrdernessMs` after it (jitter off), and it must do so before the run ends.
 * Returns the delay in ms from `now` to a start second within [earliest, 55] of a minute.
 */
export function delayToAlignedStart(now: number, runSeconds: number, outOfOrdernessMs: number, windowMs = 60_000): number {
  const slackMs = 3_000;
  // Starting at second s, the first window end comes (windowMs - s) later and fires outOfOrderness after it.
  const earliest = Math.max(0, windowMs + outOfOrdernessMs + slackMs - runSeconds * 1000);
  const latest = windowMs - 5_000;
  if (earliest > latest) throw new RangeError(`a ${runSeconds} s run is too short to see a ${windowMs / 1000} s window close`);
  const intoWindow = now % windowMs;
  if (intoWindow >= earliest && intoWindow <= latest) return 0;
  return intoWindow < earliest ? earliest - intoWindow : windowMs - intoWindow + earliest;
}
