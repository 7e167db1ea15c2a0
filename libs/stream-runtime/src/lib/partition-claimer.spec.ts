import type { CheckpointLedger, ClaimedPartition, LedgerRecoveryPoint, PartitionRef } from '@clickstream/checkpoint';
import { PartitionClaimer } from './partition-claimer';
import { RecoveryOffsetOutOfRangeError } from './recovery-errors';

const ref = { topic: 't', partition: 0 };

function fakeStore(first: Partial<ClaimedPartition>) {
  const floors: number[] = [];
  let epoch = 0;
  const store = {
    claim: jest.fn(async (r: PartitionRef, minEpoch = 0): Promise<ClaimedPartition> => {
      floors.push(minEpoch);
      epoch = Math.max(epoch + 1, minEpoch + 1);
      const base = { ref: r, epoch, offset: undefined, state: undefined, pending: undefined, committedAt: undefined };
      return floors.length === 1 ? { ...base, ...first } : base;
    }),
  };
  return { store, floors };
}

const ledgerWith = (point: LedgerRecoveryPoint | undefined): CheckpointLedger => ({
  recordRange: jest.fn(),
  recordSnapshot: jest.fn(),
  recoveryPoint: jest.fn(async () => point),
});

const kafkaHolds = (low: string, high: string) => async () => ({ low, high });

describe('PartitionClaimer', () => {
  it('uses the Redis checkpoint when there is one, without asking the ledger', async () => {
    const { store } = fakeStore({ offset: '40', state: 's40' });
    const ledger = ledgerWith(undefined);
    const result = await new PartitionClaimer(store, ledger, kafkaHolds('0', '1000')).claim(ref);
    expect(result).toMatchObject({ claim: { offset: '40', state: 's40' }, recovery: undefined });
    expect(ledger.recoveryPoint).not.toHaveBeenCalled();
  });

  it('treats a partition unknown to both as new', async () => {
    const { store } = fakeStore({});
    expect(await new PartitionClaimer(store, ledgerWith(undefined), kafkaHolds('0', '1000')).claim(ref)).toMatchObject({ claim: { epoch: 1, offset: undefined }, recovery: undefined });
  });

  it('rebuilds a lost checkpoint from the ledger and claims above its highest epoch', async () => {
    const { store, floors } = fakeStore({});
    const point = { lastRange: { fromOffset: '90', toOffset: '120' }, firstOffset: '0', maxEpoch: 7, snapshot: { offset: '50', state: 's50' } };
    const result = await new PartitionClaimer(store, ledgerWith(point), kafkaHolds('0', '1000')).claim(ref);
    expect(floors).toEqual([0, 7]);
    expect(result.claim).toMatchObject({ epoch: 8, offset: '50', state: 's50', pending: { fromOffset: '90', toOffset: '120' } });
    expect(result.recovery).toEqual({ silentTo: '90', ledgerMaxEpoch: 7 });
  });

  it('refuses to recover when Kafka no longer holds the records to replay, or never had them (topic recreated)', async () => {
    const point = { lastRange: { fromOffset: '90', toOffset: '120' }, firstOffset: '0', maxEpoch: 7, snapshot: { offset: '50', state: 's50' } };
    await expect(new PartitionClaimer(fakeStore({}).store, ledgerWith(point), kafkaHolds('60', '1000')).claim(ref)).rejects.toBeInstanceOf(
      RecoveryOffsetOutOfRangeError,
    );
    await expect(new PartitionClaimer(fakeStore({}).store, ledgerWith(point), kafkaHolds('0', '20')).claim(ref)).rejects.toThrow(
      'replay must start at offset 50, but Kafka holds offsets 0..20',
    );
  });
});
