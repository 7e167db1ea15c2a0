import { splitSqlStatements } from './sql-statements';

describe('splitSqlStatements', () => {
  it('splits on semicolons and trims', () => {
    expect(splitSqlStatements('CREATE TABLE a (x UInt8) ENGINE = Memory;\n\nSELECT 1;\n')).toEqual([
      'CREATE TABLE a (x UInt8) ENGINE = Memory',
      'SELECT 1',
    ]);
  });

  it('keeps a last statement without a trailing semicolon', () => {
    expect(splitSqlStatements('SELECT 1;\nSELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('does not split inside string literals, including escaped and doubled quotes', () => {
    const sql = "SELECT 'a;b', 'it''s;', 'back\\';slash';\nSELECT 2;";
    expect(splitSqlStatements(sql)).toEqual(["SELECT 'a;b', 'it''s;', 'back\\';slash'", 'SELECT 2']);
  });

  it('does not split inside quoted identifiers', () => {
    expect(splitSqlStatements('SELECT 1 AS `a;b`, 2 AS "c;d";')).toEqual(['SELECT 1 AS `a;b`, 2 AS "c;d"']);
  });

  it('ignores semicolons in line and block comments', () => {
    const sql = [
      '-- header; with a semicolon',
      'CREATE TABLE t (x UInt8) -- trailing; comment',
      'ENGINE = Memory;',
      '/* block; comment */ SELECT 1;',
      '# hash comment; too',
      'SELECT 2;',
    ].join('\n');
    const statements = splitSqlStatements(sql);
    expect(statements).toHaveLength(3);
    expect(statements[0]).toContain('ENGINE = Memory');
    expect(statements[1]).toBe('/* block; comment */ SELECT 1');
    expect(statements[2]).toContain('SELECT 2');
  });

  it('drops chunks that hold only comments or whitespace', () => {
    expect(splitSqlStatements('SELECT 1;\n-- the end;\n  \n/* nothing */;\n;')).toEqual(['SELECT 1']);
  });

  it('returns nothing for an empty file', () => {
    expect(splitSqlStatements('')).toEqual([]);
    expect(splitSqlStatements('-- only a comment\n')).toEqual([]);
  });

  it('keeps an arithmetic minus and a slash that are not comments', () => {
    expect(splitSqlStatements('SELECT 3 - 1, 4 / 2;')).toEqual(['SELECT 3 - 1, 4 / 2']);
  });
});
