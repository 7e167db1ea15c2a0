import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// The patch lives in a CommonJS file because the apps' esbuild configs load it; load it the same way.
const load = createRequire(__filename);
const { REQUEST_QUEUE_PATCHES } = load('../../bundle/kafkajs-request-queue-patch.cjs') as { REQUEST_QUEUE_PATCHES: object };
const { patchKafkajsFile } = load('../../bundle/kafkajs-source-patches.cjs') as {
  patchKafkajsFile: (patches: object, owner: string, file: string, source: string) => string | undefined;
};
const harness = load('../../bundle/kafkajs-patch-harness.cjs') as {
  kafkajsSrc: string;
  originalAndPatched: (patch: (file: string, source: string) => string | undefined, relative: string) => [unknown, unknown];
};

type Pushed = { entry: { correlationId: number; apiKey: number; apiName: string; apiVersion: number; resolve: () => void; reject: () => void }; expectResponse: boolean; sendRequest: () => void };
type Queue = {
  push(request: Pushed): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer; size: number }): void;
  maybeThrottle(ms: number): void;
  checkPendingRequests(): void;
  destroy(): void;
};
type QueueClass = new (options: object) => Queue;

const [Original, Patched] = harness.originalAndPatched(
  (file, source) => patchKafkajsFile(REQUEST_QUEUE_PATCHES, 'kafkajs-request-queue-patch.cjs', file, source),
  'network/requestQueue/index.js',
) as [QueueClass, QueueClass];

const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A queue of the given class and the correlation ids it has sent, in order. */
function queueOf(Queue: QueueClass, maxInFlightRequests: number | null = null) {
  const sent: number[] = [];
  const queue = new Queue({ maxInFlightRequests, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'spec', broker: 'b:9092', logger });
  const push = (correlationId: number) =>
    queue.push({ entry: { correlationId, apiKey: 1, apiName: 'Fetch', apiVersion: 11, resolve: () => undefined, reject: () => undefined }, expectResponse: true, sendRequest: () => sent.push(correlationId) });
  const fulfil = (correlationId: number) => queue.fulfillRequest({ correlationId, payload: Buffer.alloc(0), size: 0 });
  return { queue, sent, push, fulfil };
}

describe('kafkajs request-queue patch', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('applies to the installed kafkajs and fails the build when the code it replaces changed', () => {
    const file = path.join(harness.kafkajsSrc, 'network/requestQueue/index.js');
    const source = readFileSync(file, 'utf8');
    const patched = patchKafkajsFile(REQUEST_QUEUE_PATCHES, 'owner', file, source);
    expect(patched).toContain('} else if (scheduleAt <= 0) {');
    expect(patched?.length).toBeGreaterThan(source.length);
    expect(() => patchKafkajsFile(REQUEST_QUEUE_PATCHES, 'owner', file, 'changed upstream')).toThrow(/kafkajs changed/);
  });

  it('arms no timer once a response leaves nothing pending, where the original wakes every millisecond', () => {
    const wakeUps = (Queue: QueueClass) => {
      const { queue, push, fulfil } = queueOf(Queue);
      push(1);
      fulfil(1);
      let timers = 0;
      for (let ms = 0; ms < 100; ms++) {
        timers = Math.max(timers, jest.getTimerCount());
        jest.advanceTimersByTime(1);
      }
      queue.destroy();
      return timers;
    };
    expect(wakeUps(Original)).toBe(1);
    expect(wakeUps(Patched)).toBe(0);
  });

  it('sends throttled requests at the same moment, in the same order, as the original', () => {
    const run = (Queue: QueueClass) => {
      const { queue, sent, push, fulfil } = queueOf(Queue);
      push(1);
      fulfil(1);
      queue.maybeThrottle(50);
      push(2);
      push(3);
      // When each request went out, in ms after the throttle began.
      const at: string[] = [];
      for (let ms = 1, seen = sent.length; ms <= 80; ms++) {
        jest.advanceTimersByTime(1);
        for (; seen < sent.length; seen++) at.push(`${sent[seen]}@${ms}`);
      }
      fulfil(2);
      fulfil(3);
      const left = jest.getTimerCount();
      queue.destroy();
      return { sent, at, left };
    };
    const original = run(Original);
    const patched = run(Patched);
    expect(patched.sent).toEqual([1, 2, 3]);
    expect(patched.at).toEqual(original.at);
    expect(patched.at).toEqual(['2@50', '3@50']);
    expect([original.left, patched.left]).toEqual([1, 0]);
  });

  it('sends a request held back by the in-flight limit when the one before it is answered', () => {
    for (const Queue of [Original, Patched]) {
      const { queue, sent, push, fulfil } = queueOf(Queue, 1);
      push(1);
      push(2);
      expect(sent).toEqual([1]);
      fulfil(1);
      expect(sent).toEqual([1, 2]);
      jest.advanceTimersByTime(20);
      fulfil(2);
      push(3);
      expect(sent).toEqual([1, 2, 3]);
      queue.destroy();
    }
  });
});
