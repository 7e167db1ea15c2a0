import { latestResultFile } from './latest-result';

describe('latestResultFile', () => {
  it('picks the newest timestamp, published or not, of the asked suite only', () => {
    const files = [
      'core-2026-11-24T21-49-17-766Z.json',
      'published-pipeline-2026-11-24T22-10-00-000Z.json',
      'pipeline-2026-11-24T21-00-00-000Z.json',
      'pipeline-2026-11-24T23-00-00-000Z.json.tmp',
      'core-2026-11-24T20-41-29-319Z.json',
    ];
    expect(latestResultFile(files, 'pipeline')).toBe('published-pipeline-2026-11-24T22-10-00-000Z.json');
    expect(latestResultFile(files, 'core')).toBe('core-2026-11-24T21-49-17-766Z.json');
    expect(latestResultFile(files, 'other')).toBeUndefined();
  });
});
