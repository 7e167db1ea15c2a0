import { detectWireFormat } from './detect-wire-format';

describe('detectWireFormat', () => {
  it('reads a leading 0x00 as an Avro frame', () => {
    expect(detectWireFormat(Buffer.from([0, 0, 0, 0, 3]))).toBe('avro');
  });

  it.each(['{"a":1}', '  \n\t\r{"a":1}'])('reads %j as JSON', (text) => {
    expect(detectWireFormat(Buffer.from(text))).toBe('json');
  });

  it.each([
    ['a JSON array', '[1,2]'],
    ['plain text', 'hello'],
    ['whitespace only', '   '],
    ['a UTF-8 BOM before the object', '\uFEFF{"a":1}'],
  ])('refuses %s', (_label, text) => {
    expect(detectWireFormat(Buffer.from(text))).toBeUndefined();
  });

  it('refuses the Confluent magic byte of a Protobuf-style payload (0x0a)', () => {
    expect(detectWireFormat(Buffer.from([0x0a, 0x24, 0x33]))).toBeUndefined();
  });
});
