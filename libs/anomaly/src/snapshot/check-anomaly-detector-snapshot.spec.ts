import { checkAnomalyDetectorSnapshot } from './check-anomaly-detector-snapshot';
import { InvalidAnomalySnapshotError } from './invalid-anomaly-snapshot-error';

describe('checkAnomalyDetectorSnapshot', () => {
  it('accepts a well-formed snapshot and returns it', () => {
    const snapshot = { format: 1, keys: [['/home', 60_000, [1, 2, 3]]] };
    expect(checkAnomalyDetectorSnapshot(snapshot)).toBe(snapshot);
  });

  it.each([
    [null, 'snapshot'],
    [{ format: 2, keys: [] }, 'format'],
    [{ format: 1 }, 'keys'],
    [{ format: 1, keys: [['a', 1]] }, 'keys[0]'],
    [{ format: 1, keys: [[7, 1, [1]]] }, 'keys[0][0]'],
    [{ format: 1, keys: [['a', 1, [1]], ['a', 2, [1]]] }, 'keys[1][0]'],
    [{ format: 1, keys: [['a', null, [1]]] }, 'keys[0][1]'],
    [{ format: 1, keys: [['a', 1, []]] }, 'keys[0][2]'],
    [{ format: 1, keys: [['a', 1, [1, null]]] }, 'keys[0][2]'],
  ])('refuses %j at %s', (snapshot, path) => {
    let caught: unknown;
    try {
      checkAnomalyDetectorSnapshot(snapshot);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidAnomalySnapshotError);
    expect(caught).toMatchObject({ path });
  });
});
