import { isCountryCode } from './country-code';

describe('isCountryCode', () => {
  it.each(['DE', 'US', 'XK', 'ZZ'])('accepts %s', (code) => {
    expect(isCountryCode(code)).toBe(true);
  });

  it.each(['de', 'D', 'DEU', '', 'D1', 'ÄB', '@A'])('rejects %j', (code) => {
    expect(isCountryCode(code)).toBe(false);
  });
});
