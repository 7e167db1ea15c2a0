/** Topic names are part of the contract with the original design; change them only with a migration. */
export const CLICKS_TOPIC = 'web.clicks';
export const DEAD_LETTER_TOPIC = 'web.clicks.dlq';

/**
 * Config of the clicks topic: the broker stamps every record with its own append time, so "in the
 * future" and "beyond retention" are judged against broker time, not a client-chosen timestamp.
 */
export const CLICKS_TOPIC_CONFIG: Readonly<Record<string, string>> = { 'message.timestamp.type': 'LogAppendTime' };
