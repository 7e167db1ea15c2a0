import fc from 'fast-check';
import { aClickEvent } from '../testing/a-click-event';
import { clickEventArbitrary } from '../testing/click-event-arbitrary';
import { ClickEventDecoder } from './click-event-decoder';
import { decodeClickEvent } from './decode-click-event';
import { encodeClickEventAvro } from './encode-click-event-avro';
import { encodeClickEventJson } from './encode-click-event-json';

const HOUR = 3_600_000;
const START = Date.UTC(2025, 0, 1);

describe('ClickEventDecoder', () => {
  it('reads the clock once for a stream of ordinary events', () => {
    const clock = jest.fn(() => START);
    const decoder = new ClickEventDecoder({ now: clock });
    for (let i = 0; i < 100; i++) {
      expect(decoder.decode(encodeClickEventAvro(aClickEvent({ ts: START - i }))).ok).toBe(true);
    }
    expect(clock).toHaveBeenCalledTimes(1);
  });

  it('re-reads a clock that moved on before rejecting an event as ts_in_future', () => {
    let now = START;
    const decoder = new ClickEventDecoder({ now: () => now });
    now = START + 5 * HOUR;
    const event = aClickEvent({ ts: START + 3 * HOUR });
    expect(decoder.decode(encodeClickEventJson(event))).toMatchObject({ ok: true, event });
  });

  it('still rejects an event beyond the fresh reading, naming the reason', () => {
    let now = START;
    const decoder = new ClickEventDecoder({ now: () => now });
    now = START + HOUR;
    const result = decoder.decode(encodeClickEventJson(aClickEvent({ ts: START + 3 * HOUR })));
    expect(result).toMatchObject({ ok: false, reason: 'ts_in_future', format: 'json' });
  });

  it('agrees with decodeClickEvent on valid and future events under a fixed clock (property)', () => {
    const options = { now: () => START, maxFutureSkewMs: HOUR };
    const decoder = new ClickEventDecoder(options);
    fc.assert(
      fc.property(clickEventArbitrary({ maxTs: START + 2 * HOUR }), (event) => {
        const bytes = encodeClickEventAvro(event);
        expect(decoder.decode(bytes)).toEqual(decodeClickEvent(bytes, options));
      }),
      { numRuns: 200 },
    );
  });
});
