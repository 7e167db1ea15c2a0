import { migrationChecksum } from './migration-checksum';

describe('migrationChecksum', () => {
  it('is a stable SHA-256 hex digest', () => {
    expect(migrationChecksum('SELECT 1;\n')).toMatch(/^[0-9a-f]{64}$/);
    expect(migrationChecksum('SELECT 1;\n')).toBe(migrationChecksum('SELECT 1;\n'));
  });

  it('changes when the content changes', () => {
    expect(migrationChecksum('SELECT 1;\n')).not.toBe(migrationChecksum('SELECT 2;\n'));
  });

  it('does not depend on CRLF versus LF line endings', () => {
    expect(migrationChecksum('SELECT 1;\r\nSELECT 2;\r\n')).toBe(migrationChecksum('SELECT 1;\nSELECT 2;\n'));
  });
});
