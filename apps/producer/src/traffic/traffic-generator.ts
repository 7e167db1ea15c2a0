import type { ClickEvent } from '@clickstream/event-schema';
import { SeededRandom } from './seeded-random';
import { buildPageCatalog, COUNTRY_MIX, DEVICE_MIX, ENTRY_REFERRERS } from './site-catalog';
import type { TrafficProfile } from './traffic-profile';
import { WeightedChoice, zipfWeights } from './weighted-choice';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Generates realistic clicks deterministically: the i-th event depends only on the profile and
 * i, never on wall-clock time or send speed, so tests can rebuild the exact stream from a seed.
 */
export class TrafficGenerator {
  private readonly random: SeededRandom;
  private readonly pages: string[];
  private readonly pageChoice: WeightedChoice<string>;
  private readonly referrerChoice: WeightedChoice<string>;
  private readonly userCountry: string[];
  private readonly userDevice: ClickEvent['device'][];
  /** Index of each user's previous page, -1 before their first click. */
  private readonly lastPage: Int32Array;
  private readonly spikeIndex: number;
  private readonly spikeProbability: number;
  private sequence = 0;
  /** What `advance()` drew for the current event. */
  private readonly drawn = { user: 0, pageIndex: 0, ts: 0, referrer: '', a: 0, b: 0, c: 0, d: 0 };

  constructor(private readonly profile: TrafficProfile) {
    this.random = new SeededRandom(profile.seed);
    this.pages = buildPageCatalog(profile.pageCount);
    this.pageChoice = new WeightedChoice(this.pages, zipfWeights(this.pages.length, profile.zipfExponent));
    this.referrerChoice = new WeightedChoice(ENTRY_REFERRERS.map(([r]) => r), ENTRY_REFERRERS.map(([, w]) => w));
    const countries = new WeightedChoice(COUNTRY_MIX.map(([c]) => c), COUNTRY_MIX.map(([, w]) => w));
    const devices = new WeightedChoice(DEVICE_MIX.map(([d]) => d), DEVICE_MIX.map(([, w]) => w));
    this.userCountry = Array.from({ length: profile.userCount }, () => countries.pick(this.random));
    this.userDevice = Array.from({ length: profile.userCount }, () => devices.pick(this.random));
    this.lastPage = new Int32Array(profile.userCount).fill(-1);

    this.spikeIndex = profile.spike ? this.pages.indexOf(profile.spike.page) : -1;
    if (profile.spike && this.spikeIndex < 0) {
      throw new RangeError(`spike page ${profile.spike.page} is not in the catalog (e.g. ${this.pages.slice(0, 4).join(', ')})`);
    }
    // Choosing the spike page with probability q on top of its share s gives q + (1-q)s = factor*s.
    const s = this.spikeIndex >= 0 ? this.pageChoice.shareOf(this.spikeIndex) : 0;
    const factor = profile.spike?.factor ?? 1;
    this.spikeProbability = s > 0 ? Math.min(0.95, (s * (factor - 1)) / (1 - s)) : 0;
  }

  /** The catalog in popularity order (rank 1 first). */
  get pageCatalog(): readonly string[] {
    return this.pages;
  }

  /** How many events this generator has produced. */
  get produced(): number {
    return this.sequence;
  }

  /** The next event, advancing the stream by one. */
  next(): ClickEvent {
    this.advance();
    return this.current();
  }

  /**
   * Draws the next event's randomness and per-user state without building it: a worker that
   * owns only some partitions walks the whole stream (so event i stays the same) and builds only
   * its own events with `current()`.
   */
  advance(): void {
    const p = this.profile;
    const d = this.drawn;
    const i = this.sequence++;
    const nominal = p.startTime + Math.floor((i * 1000) / p.eventsPerSecond);
    const user = this.random.int(0, p.userCount - 1);

    let pageIndex = this.pageChoice.pickIndex(this.random);
    const spike = p.spike;
    if (spike && nominal - p.startTime >= spike.startOffsetMs && nominal - p.startTime < spike.startOffsetMs + spike.durationMs) {
      if (this.random.float() < this.spikeProbability) pageIndex = this.spikeIndex;
    }

    const previous = this.lastPage[user] ?? -1;
    const continues = previous >= 0 && this.random.float() < p.sessionContinueProbability;
    d.referrer = continues ? (this.pages[previous] as string) : this.referrerChoice.pick(this.random);
    this.lastPage[user] = pageIndex;

    let ts = nominal - (p.jitterMs > 0 ? this.random.int(0, p.jitterMs) : 0);
    if (p.lateRatio > 0 && this.random.float() < p.lateRatio) ts = nominal - this.random.int(p.lateMinMs, p.lateMaxMs);

    d.user = user;
    d.pageIndex = pageIndex;
    d.ts = ts;
    d.a = this.random.uint32();
    d.b = this.random.uint32();
    d.c = this.random.uint32();
    d.d = this.random.uint32();
  }

  /** Index (0-based) of the user of the event drawn last by `advance()`. */
  get currentUser(): number {
    return this.drawn.user;
  }

  /** Builds the event drawn last by `advance()`. */
  current(): ClickEvent {
    const d = this.drawn;
    return {
      event_id: uuidOf(d.a, d.b, d.c, d.d),
      user_id: userIdOf(d.user),
      ts: d.ts,
      page: this.pages[d.pageIndex] as string,
      referrer: d.referrer,
      country: this.userCountry[d.user] as string,
      device: this.userDevice[d.user] as ClickEvent['device'],
    };
  }
}

/** The user_id of user index `user` (0-based). */
export function userIdOf(user: number): string {
  return `u${100000 + user}`;
}

/** A version-4-shaped UUID from seeded words (not crypto-random: reproducibility matters). */
function uuidOf(a: number, b: number, c: number, d: number): string {
  const h = (n: number, shift: number) => HEX[(n >>> shift) & 0xff] as string;
  const version = ((b >>> 8) & 0x0fff) | 0x4000;
  const variant = ((c >>> 24) & 0x3f) | 0x80;
  return (
    h(a, 24) + h(a, 16) + h(a, 8) + h(a, 0) + '-' +
    h(b, 24) + h(b, 16) + '-' +
    HEX[version >>> 8] + HEX[version & 0xff] + '-' +
    HEX[variant] + h(c, 16) + '-' +
    h(c, 8) + h(c, 0) + h(d, 24) + h(d, 16) + h(d, 8) + h(d, 0)
  );
}
