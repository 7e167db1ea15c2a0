import { encodeClickEventAvro, encodeClickEventJson, type ClickEvent } from '@clickstream/event-schema';
import { aClickEvent } from '@clickstream/event-schema/testing';
import { clickWindowKeys } from '@clickstream/click-windows';
import type { ConsumedRecord, WriteReport } from '@clickstream/stream-runtime';
import { AggregatorTask, type AggregatorOutputs, type AggregatorTaskObserver } from './aggregator-task';
import type { LateRow, PaneRow } from './output-rows';
import type { PageMinuteAggBlock } from './page-minute-agg-block';
import { TASK_SETTINGS } from './testing/task-settings';

// A bound of 64 pages, so a test can make the shared index start over in a few dozen records.
jest.mock('@clickstream/window-engine', () => {
  const actual = jest.requireActual('@clickstream/window-engine');
  class SmallPairKeyIndex extends actual.AsciiPairKeyIndex {
    constructor(separator: string) {
      super(separator, 64);
    }
  }
  return { ...actual, AsciiPairKeyIndex: SmallPairKeyIndex };
});

const T0 = Date.UTC(2026, 0, 1);
const settings = { ...TASK_SETTINGS, maxBufferedRows: 1_000_000 };
const ok: WriteReport = { refused: [] };

class Outputs implements AggregatorOutputs {
  panes: PaneRow[] = [];
  late: LateRow[] = [];
  async writePanes(block: PageMinuteAggBlock) {
    for (let i = 0; i < block.rowCount; i++) this.panes.push(block.rowAt(i));
    return ok;
  }
  async writeLate(rows: LateRow[]) {
    this.late.push(...rows);
    return ok;
  }
  async writeWatermark() {
    return ok;
  }
}
const observer: AggregatorTaskObserver = { accepted: () => 0, late: () => 0, fired: () => 0, watermark: () => 0 };
const record = (partition: number, offset: number, value: Buffer): ConsumedRecord => ({ partition, offset: String(offset), key: null, value, timestamp: T0 + 3_600_000 });

function events(): Buffer[] {
  const out: ClickEvent[] = [];
  for (let i = 0; i < 3_000; i++) {
    const shift = Math.floor(i / 97);
    out.push(aClickEvent({ page: `/p${(i + shift) % 6}`, country: ['US', 'DE', 'FR'][(i * 5 + shift) % 3], user_id: `u${(i * 11) % 53}`, ts: T0 + i * 200 - (i % 7) * 900 }));
  }
  return out.map((e, i) => (i % 2 ? encodeClickEventAvro(e) : encodeClickEventJson(e)));
}

async function run(task: AggregatorTask, outputs: Outputs, values: Buffer[], between?: (i: number) => void) {
  values.forEach((v, i) => {
    task.process(record(0, i, v));
    between?.(i);
  });
  const cut = task.cut();
  await Promise.all(cut.writes.map((w) => w('t')));
  const norm = (p: PaneRow) => `${p.windowStart} ${p.page} ${p.country} ${p.pane} ${p.clicks} ${[...p.userIds].sort().join(',')}`;
  return { panes: outputs.panes.map(norm).sort(), late: outputs.late.map((l) => `${l.page} ${l.country} ${l.windowStart}`) };
}

describe('AggregatorTask with clickWindowKeys starting over under another partition', () => {
  it('writes the same panes whether or not another task makes the shared index start over mid-window', async () => {
    const values = events();
    const outA = new Outputs();
    const expected = await run(new AggregatorTask(settings, outA, observer, undefined), outA, values);
    const outB = new Outputs();
    const other = new AggregatorTask({ ...settings, partition: 1 }, new Outputs(), observer, undefined);
    const epoch = clickWindowKeys.epoch;
    let junk = 0;
    const actual = await run(new AggregatorTask(settings, outB, observer, undefined), outB, values, (i) => {
      // Every 150 records the other partition reads 100 records on new pages: the shared index starts over.
      if (i % 150 === 149) for (let j = 0; j < 100; j++) other.process(record(1, junk, encodeClickEventJson(aClickEvent({ page: `/junk-${junk++}`, ts: T0 + i * 200 }))));
    });
    expect(clickWindowKeys.epoch - epoch).toBeGreaterThanOrEqual(19);
    expect(actual.panes.length).toBeGreaterThan(50);
    expect(actual).toEqual(expected);
  });
});
