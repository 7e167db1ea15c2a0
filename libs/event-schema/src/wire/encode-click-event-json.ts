import type { ClickEvent } from '../click-event/click-event';

/**
 * Encodes `event` as a UTF-8 JSON object with exactly the schema's fields, in schema order, so
 * extra properties on the caller's object never leak onto the topic.
 */
export function encodeClickEventJson(event: ClickEvent): Buffer {
  const wire = {
    event_id: event.event_id,
    user_id: event.user_id,
    ts: event.ts,
    page: event.page,
    referrer: event.referrer,
    country: event.country,
    device: event.device,
  };
  return Buffer.from(JSON.stringify(wire), 'utf8');
}
