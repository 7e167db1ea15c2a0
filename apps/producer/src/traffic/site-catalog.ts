/** Pages ordered by popularity (rank 1 first), so Zipf weights map onto them directly. */
export function buildPageCatalog(pageCount: number): string[] {
  const fixed = ['/', '/search', '/cart', '/checkout', '/login', '/account', '/deals', '/help'];
  const pages = [...fixed];
  for (let i = 1; pages.length < pageCount; i++) {
    pages.push(i % 5 === 0 ? `/category/${i / 5}` : `/product/${i}`);
  }
  return pages.slice(0, pageCount);
}

/** Rough shares of web traffic by country; ZZ stands for "location unknown". */
export const COUNTRY_MIX: ReadonlyArray<readonly [string, number]> = [
  ['US', 28], ['IN', 11], ['GB', 7], ['DE', 7], ['BR', 6], ['FR', 5], ['JP', 5], ['CA', 4],
  ['ES', 3], ['IT', 3], ['MX', 3], ['AU', 3], ['NL', 2], ['PL', 2], ['SE', 2], ['KR', 2],
  ['ID', 2], ['TR', 2], ['NG', 1], ['ZA', 1], ['ZZ', 1],
];

export const DEVICE_MIX: ReadonlyArray<readonly ['desktop' | 'mobile' | 'tablet' | 'bot', number]> = [
  ['mobile', 55], ['desktop', 37], ['tablet', 6], ['bot', 2],
];

/** Where sessions start: direct traffic (''), search, social, campaigns. */
export const ENTRY_REFERRERS: ReadonlyArray<readonly [string, number]> = [
  ['', 35], ['https://www.google.com/', 40], ['https://www.bing.com/', 5], ['https://t.co/', 6],
  ['https://www.facebook.com/', 8], ['https://news.ycombinator.com/', 2], ['https://mail.example.com/campaign', 4],
];
