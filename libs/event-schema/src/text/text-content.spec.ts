import fc from 'fast-check';
import { isUtf8Range, textContentProblem } from './text-content';

describe('textContentProblem', () => {
  it.each(['', '/pricing', 'üser', '日本', 'emoji 😀 pair', '\ufffd is a real character'])('accepts %j', (value) => {
    expect(textContentProblem(value)).toBeUndefined();
  });

  it.each(['a\u0000b', '\n', 'tab\there', '\u007f', '\u0085', '\u009f'])('rejects %j as control_character', (value) => {
    expect(textContentProblem(value)).toBe('control_character');
  });

  it.each(['\ud800', 'x\udc00', '\ud83d', 'a\ud83dxb', '\ude00\ud83d'])('rejects %j as lone_surrogate', (value) => {
    expect(textContentProblem(value)).toBe('lone_surrogate');
  });

  it('agrees with String.prototype.isWellFormed on arbitrary UTF-16 without controls (property)', () => {
    const isWellFormed = (s: string) => (s as unknown as { isWellFormed(): boolean }).isWellFormed();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const noControls = [...s].filter((c) => !(c <= '\u001f' || (c >= '\u007f' && c <= '\u009f'))).join('');
        expect(textContentProblem(noControls) === undefined).toBe(isWellFormed(noControls));
      }),
      { numRuns: 500 },
    );
  });
});

describe('isUtf8Range', () => {
  it('accepts ASCII and valid multi-byte text, rejects malformed sequences', () => {
    const buf = Buffer.concat([Buffer.from('ab'), Buffer.from('é日😀'), Buffer.from([0xff]), Buffer.from([0xed, 0xa0, 0x80])]);
    expect(isUtf8Range(buf, 0, 2)).toBe(true);
    expect(isUtf8Range(buf, 0, buf.length - 4)).toBe(true);
    expect(isUtf8Range(buf, 0, buf.length - 3)).toBe(false); // 0xff
    expect(isUtf8Range(buf, buf.length - 3, buf.length)).toBe(false); // an encoded surrogate
    expect(isUtf8Range(Buffer.from([0xc0, 0xaf]), 0, 2)).toBe(false); // overlong '/'
  });

  it('is true exactly when a UTF-8 round trip keeps the bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 32 }), (bytes) => {
        const buf = Buffer.from(bytes);
        expect(isUtf8Range(buf, 0, buf.length)).toBe(Buffer.from(buf.toString('utf8'), 'utf8').equals(buf));
      }),
      { numRuns: 1000 },
    );
  });
});
