import { groupOf, summarizeCpuProfile, type CpuProfile } from './cpu-profile-summary';

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });

describe('summarizeCpuProfile', () => {
  const profile: CpuProfile = {
    startTime: 0,
    endTime: 1,
    nodes: [
      { id: 1, callFrame: frame('(idle)', ''), hitCount: 1000 },
      { id: 2, callFrame: frame('(garbage collector)', ''), hitCount: 20 },
      { id: 3, callFrame: frame('decodeRecord', '/repo/node_modules/kafkajs/src/protocol/recordBatch/record/v0/decoder.js', 19), hitCount: 30 },
      { id: 4, callFrame: frame('bundled', 'file:///repo/dist/apps/aggregator/main.js', 100), hitCount: 50 },
    ],
  };

  it('leaves idle out, gives percents of the rest, and maps bundle frames back to their sources', () => {
    const resolve = (url: string) => (url.endsWith('main.js') ? { url: '../../libs/window-engine/src/lib/engine/window-engine.ts', line: 56 } : undefined);
    const summary = summarizeCpuProfile(profile, 10, resolve);
    expect(summary.samples).toBe(100);
    expect(summary.lines[0]).toEqual({ name: 'bundled (libs/window-engine/src/lib/engine/window-engine.ts:57)', selfPercent: 50 });
    expect(summary.lines).toContainEqual({ name: 'decodeRecord (kafkajs/src/protocol/recordBatch/record/v0/decoder.js:20)', selfPercent: 30 });
    expect(summary.groups).toEqual([
      { group: 'window engine', selfPercent: 50 },
      { group: 'kafkajs', selfPercent: 30 },
      { group: 'GC', selfPercent: 20 },
    ]);
  });

  it('groups frames by where their code lives', () => {
    expect(groupOf('(garbage collector)', '')).toBe('GC');
    expect(groupOf('readInterned', '../../libs/event-schema/src/wire/json-click-event-reader.ts')).toBe('decode (libs/event-schema)');
    expect(groupOf('x', 'node:buffer')).toBe('Node core');
  });
});
