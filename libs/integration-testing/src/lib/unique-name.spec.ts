import { uniqueName } from './unique-name';

describe('uniqueName', () => {
  it('is safe as a topic, database and key name', () => {
    for (const prefix of ['clicks', 'My Topic.v2', '42-things', '', '___']) {
      const name = uniqueName(prefix);
      expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(name.length).toBeLessThanOrEqual(48);
    }
  });

  it('keeps a readable prefix', () => {
    expect(uniqueName('Page Minute')).toMatch(/^page_minute_/);
    expect(uniqueName('7up')).toMatch(/^t7up_/);
  });

  it('does not repeat', () => {
    const names = new Set(Array.from({ length: 1000 }, () => uniqueName('x')));
    expect(names.size).toBe(1000);
  });
});
