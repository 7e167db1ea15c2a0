import { aClickEvent } from '../testing/a-click-event';
import fc from 'fast-check';
import { checkClickEventDraft, checkClickEventFields } from './check-click-event-draft';
import type { ClickEventDraft } from './click-event-draft';
import type { ClickEventValidationOptions } from './validation-options';

const NOW = Date.UTC(2025, 5, 1);
const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
const clock: ClickEventValidationOptions = { now: () => NOW };

function draft(overrides: Partial<ClickEventDraft> = {}): ClickEventDraft {
  return { ...aClickEvent(), ...overrides };
}

describe('checkClickEventDraft (value rules)', () => {
  it('accepts a valid draft', () => {
    expect(checkClickEventDraft(draft(), clock, undefined)).toBeUndefined();
  });

  it('canonicalises an uppercase event_id in place', () => {
    const d = draft({ event_id: '3F2504E0-4F89-41D3-9A0C-0305E82C3301' });
    expect(checkClickEventDraft(d, clock, undefined)).toBeUndefined();
    expect(d.event_id).toBe('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
  });

  it('rejects a malformed event_id as bad_uuid', () => {
    expect(checkClickEventDraft(draft({ event_id: 'evt-12345' }), clock, 'json')).toEqual({
      ok: false,
      reason: 'bad_uuid',
      detail: 'event_id: expected a UUID (8-4-4-4-12 hex), saw "evt-12345"',
      format: 'json',
    });
  });

  describe('ts', () => {
    it.each([Infinity, -Infinity, NaN])('rejects %s as ts_not_finite', (ts) => {
      expect(checkClickEventDraft(draft({ ts }), clock, undefined)?.reason).toBe('ts_not_finite');
    });

    it('rejects fractional milliseconds as ts_not_integer', () => {
      expect(checkClickEventDraft(draft({ ts: NOW - 0.5 }), clock, undefined)?.reason).toBe('ts_not_integer');
    });

    it('rejects ts before the default minTs (2000-01-01) and accepts it exactly', () => {
      const minTs = Date.UTC(2000, 0, 1);
      expect(checkClickEventDraft(draft({ ts: minTs - 1 }), clock, undefined)?.reason).toBe('ts_too_old');
      expect(checkClickEventDraft(draft({ ts: minTs }), clock, undefined)).toBeUndefined();
    });

    it('rejects epoch seconds mistaken for milliseconds as ts_too_old, with a readable date', () => {
      const result = checkClickEventDraft(draft({ ts: 1_735_689_600 }), clock, undefined);
      expect(result?.reason).toBe('ts_too_old');
      expect(result?.detail).toContain('1970-01-21T');
    });

    it('honours a configured minTs', () => {
      const options = { ...clock, minTs: Date.UTC(2024, 0, 1) };
      expect(checkClickEventDraft(draft({ ts: Date.UTC(2023, 11, 31) }), options, undefined)?.reason).toBe(
        'ts_too_old',
      );
    });

    it('allows up to maxFutureSkewMs (default 5 min) ahead of now() and rejects beyond', () => {
      const skew = 5 * MINUTE;
      expect(checkClickEventDraft(draft({ ts: NOW + skew }), clock, undefined)).toBeUndefined();
      expect(checkClickEventDraft(draft({ ts: NOW + skew + 1 }), clock, undefined)?.reason).toBe('ts_in_future');
      expect(checkClickEventDraft(draft({ ts: NOW + HOUR }), clock, undefined)?.reason).toBe('ts_in_future');
    });
    it('rejects ts older than now - maxEventAgeMs as beyond_retention, and has no age bound by default', () => {
      const options = { ...clock, maxEventAgeMs: 90 * DAY };
      expect(checkClickEventDraft(draft({ ts: NOW - 90 * DAY }), options, undefined)).toBeUndefined();
      const result = checkClickEventDraft(draft({ ts: NOW - 90 * DAY - 1 }), options, undefined);
      expect(result).toMatchObject({ reason: 'beyond_retention', detail: expect.stringContaining('retention') });
      expect(checkClickEventDraft(draft({ ts: NOW - 900 * DAY }), clock, undefined)).toBeUndefined();
    });

    it('honours a configured maxFutureSkewMs and asks the injected clock', () => {
      const now = jest.fn(() => NOW);
      const options = { now, maxFutureSkewMs: 1000 };
      expect(checkClickEventDraft(draft({ ts: NOW + 1001 }), options, undefined)?.reason).toBe('ts_in_future');
      expect(now).toHaveBeenCalled();
    });

    it('describes a ts beyond the Date range without throwing', () => {
      const result = checkClickEventDraft(draft({ ts: 1e300 }), clock, undefined);
      expect(result).toMatchObject({ reason: 'ts_in_future', detail: expect.stringContaining('1e+300') });
    });
  });

  describe('text fields', () => {
    it.each(['user_id', 'page'] as const)('rejects an empty %s as empty_field', (field) => {
      expect(checkClickEventDraft(draft({ [field]: '' }), clock, undefined)).toMatchObject({
        reason: 'empty_field',
        detail: `${field}: must not be empty`,
      });
    });

    it('accepts an empty referrer (direct traffic)', () => {
      expect(checkClickEventDraft(draft({ referrer: '' }), clock, undefined)).toBeUndefined();
    });

    it.each([
      ['user_id', 128],
      ['page', 2048],
      ['referrer', 2048],
    ] as const)('accepts %s at its default limit %d and rejects one char more', (field, limit) => {
      expect(checkClickEventDraft(draft({ [field]: 'x'.repeat(limit) }), clock, undefined)).toBeUndefined();
      const result = checkClickEventDraft(draft({ [field]: 'x'.repeat(limit + 1) }), clock, undefined);
      expect(result?.reason).toBe('field_too_long');
      expect(result?.detail).toContain(`${field}: longer than ${limit} chars`);
      expect(result?.detail).toContain(`(${limit + 1} chars)`);
    });

    it.each([
      ['maxUserIdLength', 'user_id'],
      ['maxPageLength', 'page'],
      ['maxReferrerLength', 'referrer'],
    ] as const)('honours a configured %s', (option, field) => {
      const options = { ...clock, [option]: 5 };
      expect(checkClickEventDraft(draft({ [field]: 'abcde' }), options, undefined)).toBeUndefined();
      const result = checkClickEventDraft(draft({ [field]: 'abcdef' }), options, undefined);
      expect(result?.detail).toBe(`${field}: longer than 5 chars, saw "abcdef"`);
    });
  });

  describe('text content', () => {
    it.each(['user_id', 'page', 'referrer'] as const)('rejects a control character in %s', (field) => {
      const result = checkClickEventDraft(draft({ [field]: 'a\u0000b' }), clock, 'json');
      expect(result).toMatchObject({ reason: 'control_character', detail: expect.stringContaining(`${field}: contains a control character`) });
    });
    it.each(['user_id', 'page', 'referrer'] as const)('rejects an unpaired surrogate in %s', (field) => {
      expect(checkClickEventDraft(draft({ [field]: 'u\ud800' }), clock, 'json')?.reason).toBe('lone_surrogate');
    });
    it('accepts paired surrogates (emoji)', () => {
      expect(checkClickEventDraft(draft({ user_id: 'u😀', page: '/😀' }), clock, 'json')).toBeUndefined();
    });
  });

  it.each(['de', 'Germany', 'DEU', ''])('rejects country %j as bad_country', (country) => {
    expect(checkClickEventDraft(draft({ country }), clock, undefined)?.reason).toBe('bad_country');
  });

  it.each(['smartwatch', 'Mobile', ''])('rejects device %j as unknown_device', (device) => {
    expect(checkClickEventDraft(draft({ device }), clock, undefined)?.reason).toBe('unknown_device');
  });
});

describe('checkClickEventFields with printable ASCII known', () => {
  it('gives the same verdict as the full checks for printable ASCII fields (property)', () => {
    const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });
    const options: ClickEventValidationOptions = { maxUserIdLength: 20, maxPageLength: 30, maxReferrerLength: 25, now: () => 1_800_000_000_000 };
    fc.assert(
      fc.property(printable, fc.integer({ min: 0, max: 2_000_000_000_000 }), printable, printable, fc.oneof(printable, fc.constant('DE')), fc.oneof(printable, fc.constant('mobile')), (user, ts, page, referrer, country, device) => {
        const full = checkClickEventFields(user, ts, page, referrer, country, device, options, 'json');
        expect(checkClickEventFields(user, ts, page, referrer, country, device, options, 'json', user.length, page.length)).toEqual(full);
      }),
      { numRuns: 2_000 },
    );
  });

  it('is only for printable ASCII the decoder counted: a control character passes unchecked when it is claimed', () => {
    const full = checkClickEventFields('u\u0001', 1_700_000_000_000, '/p', '', 'DE', 'mobile', undefined, 'json');
    expect(full?.reason).toBe('control_character');
    expect(checkClickEventFields('u\u0001', 1_700_000_000_000, '/p', '', 'DE', 'mobile', undefined, 'json', 2, 2)).toBeUndefined();
    // The lengths given are the ones checked: an empty user id is one of length 0, whatever the string.
    expect(checkClickEventFields('u', 1_700_000_000_000, '/p', '', 'DE', 'mobile', undefined, 'json', 0, 2)?.reason).toBe('empty_field');
  });
});
