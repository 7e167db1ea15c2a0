/** The newest result file of a suite among names like `<suite>-<ISO time>.json` or `published-<suite>-...`. */
export function latestResultFile(fileNames: readonly string[], suite: string): string | undefined {
  const stamp = (name: string) => name.replace(/^published-/, '').slice(suite.length + 1);
  return fileNames
    .filter((f) => f.endsWith('.json') && (f.startsWith(`${suite}-`) || f.startsWith(`published-${suite}-`)))
    .sort((a, b) => stamp(a).localeCompare(stamp(b)) || a.localeCompare(b))
    .at(-1);
}
