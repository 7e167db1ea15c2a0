import { aClickEvent } from '../testing/a-click-event';
import { encodeClickEventJson } from './encode-click-event-json';

describe('encodeClickEventJson', () => {
  it('writes exactly the schema fields, in schema order, as UTF-8', () => {
    const event = { ...aClickEvent({ page: '/café' }), internal: 'do not ship' };
    const text = encodeClickEventJson(event).toString('utf8');
    expect(Object.keys(JSON.parse(text))).toEqual([
      'event_id',
      'user_id',
      'ts',
      'page',
      'referrer',
      'country',
      'device',
    ]);
    expect(text).toContain('"page":"/café"');
    expect(text).not.toContain('internal');
  });
});
