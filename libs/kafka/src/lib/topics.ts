/** Topic names are part of the contract with the original design; change them only with a migration. */
export const CLICKS_TOPIC = 'web.clicks';
export const DEAD_LETTER_TOPIC = 'web.clicks.dlq';
