import { DEVICES, isDevice } from './device';

describe('isDevice', () => {
  it.each(DEVICES)('accepts %s', (device) => {
    expect(isDevice(device)).toBe(true);
  });

  it.each(['Desktop', 'phone', '', 'bot '])('rejects %j', (value) => {
    expect(isDevice(value)).toBe(false);
  });
});
