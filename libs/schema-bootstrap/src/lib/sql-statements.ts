/**
 * Splits a migration file into single statements: the ClickHouse HTTP interface runs one statement
 * per request. Splits on `;` outside string literals, quoted identifiers and comments, so a `;`
 * inside 'text', `name`, "name", -- a comment or a block comment does not cut a statement in two.
 * Comment-only chunks are dropped; comments inside a statement are kept (ClickHouse ignores them).
 */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const n = sql.length;

  const skipQuoted = (quote: string): void => {
    i++; // opening quote
    while (i < n) {
      const c = sql[i];
      if (c === '\\') {
        i += 2; // ClickHouse accepts backslash escapes in literals and identifiers
        continue;
      }
      if (c === quote) {
        if (sql[i + 1] === quote) {
          i += 2; // doubled quote is an escaped quote
          continue;
        }
        i++;
        return;
      }
      i++;
    }
  };

  while (i < n) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      skipQuoted(c);
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
    } else if (c === '#' && (sql[i + 1] === ' ' || sql[i + 1] === '!')) {
      // ClickHouse also treats "# " and "#!" as line comments.
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === ';') {
      statements.push(sql.slice(start, i));
      i++;
      start = i;
    } else {
      i++;
    }
  }
  statements.push(sql.slice(start));

  return statements.map((s) => s.trim()).filter((s) => stripComments(s).trim().length > 0);
}

/** Removes comments outside literals; used only to tell comment-only chunks from statements. */
function stripComments(sql: string): string {
  return sql
    .replace(/'(?:[^'\\]|\\.|'')*'/g, "''")
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, '')
    .replace(/(--|#[ !])[^\n]*/g, '');
}
