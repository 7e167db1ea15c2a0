import { createRequire } from 'node:module';
import path from 'node:path';

// The patches live in a CommonJS file because the esbuild config loads them; load them the same way.
const load = createRequire(__filename);
const { patchKafkajsSource, PATCHED_FILES } = load('../../bundle/kafkajs-patches.cjs') as {
  patchKafkajsSource: (file: string, source: string) => string | undefined;
  PATCHED_FILES: string[];
};
// The harness that evaluates a kafkajs file as it is and as patched: shared with the other patch set's spec.
const harness = load('../../../../libs/kafka/bundle/kafkajs-patch-harness.cjs') as {
  kafkajsSrc: string;
  originalAndPatched: (patch: (file: string, source: string) => string | undefined, relative: string) => [unknown, unknown];
};
const kafkajsSrc = harness.kafkajsSrc;

function originalAndPatched(relative: string): [unknown, unknown] {
  return harness.originalAndPatched(patchKafkajsSource, relative);
}

type EncoderLike = { buffer: Buffer } & Record<string, (...args: unknown[]) => EncoderLike>;

describe('kafkajs bundle patches', () => {
  it('apply to the installed kafkajs and leave other files alone', () => {
    expect(PATCHED_FILES.length).toBe(3);
    expect(patchKafkajsSource(path.join(kafkajsSrc, 'producer/index.js'), 'x')).toBeUndefined();
    expect(() => patchKafkajsSource(path.join(kafkajsSrc, 'protocol/encoder.js'), 'changed upstream')).toThrow(/kafkajs changed/);
  });

  it('group messages per partition exactly like the original', () => {
    const [original, patched] = originalAndPatched('producer/groupMessagesPerPartition.js') as ((args: object) => object)[];
    const partitionMetadata = [0, 1, 2, 3].map((partitionId) => ({ partitionId, leader: 0 }));
    const messages = Array.from({ length: 2_000 }, (_, i) => ({ key: `k${(i * 7919) % 97}`, value: String(i) }));
    const partitioner = ({ message }: { message: { key: string } }) => message.key.length % 4;
    const args = { topic: 't', partitionMetadata, messages, partitioner };
    expect(patched?.(args)).toEqual(original?.(args));
    expect(patched?.({ ...args, partitionMetadata: [] })).toEqual({});
  });

  it('encode the same bytes as the original', () => {
    const [Original, Patched] = originalAndPatched('protocol/encoder.js') as (new () => EncoderLike)[];
    const write = (E: new () => EncoderLike) => {
      const e = new E();
      for (const v of [0, 1, -1, 63, 64, -65, 300, 2 ** 31 - 1, -(2 ** 31)]) e.writeVarInt(v);
      for (const v of [0, 1, -1, 1_700_000_000_000, -(2 ** 40)]) e.writeVarLong(v);
      e.writeVarIntBytes(Buffer.from('u100042')).writeVarIntBytes('é-string').writeVarIntBytes(null);
      e.writeInt32(-5).writeString('topic').writeBytes(Buffer.alloc(700, 7)).writeUVarInt(1_000_000);
      const inner = new E().writeInt8(1).writeVarInt(-300);
      return e.writeEncoder(inner).writeEncoderArray([inner, inner]).buffer;
    };
    expect(Patched && write(Patched)).toEqual(Original && write(Original));
  });
});
