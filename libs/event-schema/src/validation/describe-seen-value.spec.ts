import { describeSeenValue, truncateText } from './describe-seen-value';

describe('describeSeenValue', () => {
  it('quotes short strings', () => {
    expect(describeSeenValue('abc')).toBe('"abc"');
  });

  it('truncates long strings and reports their length', () => {
    const shown = describeSeenValue('x'.repeat(5000));
    expect(shown).toBe(`"${'x'.repeat(64)}"… (5000 chars)`);
  });

  it.each([
    [null, 'null'],
    [[1], 'an array'],
    [{ a: 1 }, 'an object'],
    [42, '42'],
    [undefined, 'undefined'],
    [true, 'true'],
  ])('describes %j as %s', (value, expected) => {
    expect(describeSeenValue(value)).toBe(expected);
  });
});

describe('truncateText', () => {
  it('keeps short text and cuts long text', () => {
    expect(truncateText('short')).toBe('short');
    expect(truncateText('y'.repeat(500))).toBe(`${'y'.repeat(128)}…`);
  });
});
