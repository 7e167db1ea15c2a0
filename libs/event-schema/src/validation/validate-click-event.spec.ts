import { aClickEvent } from '../testing/a-click-event';
import { validateClickEvent } from './validate-click-event';

describe('validateClickEvent (types and shape)', () => {
  it('accepts a valid event and returns a copy with exactly the schema fields, in order', () => {
    const input = { ...aClickEvent(), session_id: 's-1', extra: { nested: true } };
    const result = validateClickEvent(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.event)).toEqual(['event_id', 'user_id', 'ts', 'page', 'referrer', 'country', 'device']);
    expect(result.event).not.toBe(input);
    expect(result.event.page).toBe(input.page);
  });

  it.each([null, 'a string', 42, [aClickEvent()], undefined])('rejects %j as not_an_object', (candidate) => {
    const result = validateClickEvent(candidate);
    expect(result).toMatchObject({ ok: false, reason: 'not_an_object' });
  });

  it.each(['event_id', 'user_id', 'ts', 'page', 'country', 'device'] as const)(
    'rejects an event without %s as missing_field, naming the field',
    (field) => {
      const event: Record<string, unknown> = { ...aClickEvent() };
      delete event[field];
      const result = validateClickEvent(event);
      expect(result).toEqual({ ok: false, reason: 'missing_field', detail: `${field}: missing` });
    },
  );

  it('rejects a ts sent as a string as bad_type and shows what was seen', () => {
    const result = validateClickEvent({ ...aClickEvent(), ts: '1735689600000' });
    expect(result).toEqual({
      ok: false,
      reason: 'bad_type',
      detail: 'ts: expected a number (epoch ms), saw "1735689600000"',
    });
  });

  it.each([
    ['user_id', 123],
    ['page', null],
    ['country', ['DE']],
    ['device', { kind: 'mobile' }],
    ['referrer', 0],
  ])('rejects %s = %j as bad_type', (field, value) => {
    const result = validateClickEvent({ ...aClickEvent(), [field]: value });
    expect(result).toMatchObject({ ok: false, reason: 'bad_type' });
    if (!result.ok) expect(result.detail.startsWith(`${field}: expected`)).toBe(true);
  });

  it.each([
    ['null', null],
    ['absent', undefined],
  ])('normalises a %s referrer to "" (direct traffic)', (_label, referrer) => {
    const event: Record<string, unknown> = { ...aClickEvent(), referrer };
    if (referrer === undefined) delete event['referrer'];
    const result = validateClickEvent(event);
    expect(result.ok && result.event.referrer).toBe('');
  });

  it('has no format on rejections (the caller holds an object, not bytes)', () => {
    const result = validateClickEvent({});
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('format');
  });
});
