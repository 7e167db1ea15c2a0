import type { Type, types } from 'avsc';

/**
 * Enum symbols the writer may send that the reader lacks. Avro resolves those to the reader
 * enum's default without complaint, which would silently relabel data (old `bot` clicks read as
 * `desktop`), so our compatibility rule is stricter than Avro's. Only top-level fields: the click
 * event is a flat record.
 */
export function findRemappedEnumSymbols(writerType: Type, readerType: Type): string | undefined {
  const writer = writerType as types.RecordType;
  const reader = readerType as types.RecordType;
  for (const readerField of reader.fields) {
    if (readerField.type.typeName !== 'enum') continue;
    const writerField = writer.field(readerField.name) as types.Field | undefined;
    if (writerField?.type.typeName !== 'enum') continue;
    const readerSymbols = (readerField.type as types.EnumType).symbols;
    const lost = (writerField.type as types.EnumType).symbols.filter((symbol) => !readerSymbols.includes(symbol));
    if (lost.length > 0) {
      return `${readerField.name} symbols ${lost.join(', ')} would be read as the enum default`;
    }
  }
  return undefined;
}
