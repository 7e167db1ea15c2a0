import { waitFor, WaitForTimeoutError } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first value that is not false', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? calls : false), { description: 'three calls', intervalMs: 1 });
    expect(value).toBe(3);
  });

  it('retries assertions that throw', async () => {
    let calls = 0;
    await waitFor(
      () => {
        calls += 1;
        expect(calls).toBeGreaterThan(2);
      },
      { description: 'an assertion', intervalMs: 1 },
    );
    expect(calls).toBe(3);
  });

  it('fails with the description and the last error', async () => {
    const run = waitFor(
      async () => {
        throw new Error('still 2 rows');
      },
      { description: '3 rows in clicks_raw', timeoutMs: 50, intervalMs: 10 },
    );
    await expect(run).rejects.toBeInstanceOf(WaitForTimeoutError);
    await expect(run).rejects.toThrow(/waiting for 3 rows in clicks_raw; last attempt: still 2 rows/);
  });

  it('says when the predicate only returned false', async () => {
    await expect(waitFor(() => false, { description: 'never', timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(
      /last attempt: returned false/,
    );
  });
});
