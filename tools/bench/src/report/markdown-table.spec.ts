import { markdownTable } from './markdown-table';

describe('markdownTable', () => {
  it('aligns columns marked with > to the right and escapes pipes', () => {
    expect(markdownTable(['app', '>events/s'], [['a|b', '1,000']])).toBe('| app | events/s |\n| --- | ---: |\n| a\\|b | 1,000 |');
  });
});
