import { evaluateTargets } from './targets';
import { samplePipelineResult } from './testing/sample-pipeline-result';

describe('evaluateTargets', () => {
  it('reports every target of the issue, met or not, with the measured value', () => {
    const rows = evaluateTargets(samplePipelineResult());
    const byTarget = new Map(rows.map((r) => [r.target, r]));
    expect(rows).toHaveLength(11);
    expect(byTarget.get('raw-sink ≥ 100,000 events per CPU-second')).toEqual({ target: 'raw-sink ≥ 100,000 events per CPU-second', measured: '280,374', met: true });
    expect(byTarget.get('aggregator ≥ 70% of the bare-consumer ceiling')).toMatchObject({ measured: '36%', met: false });
    expect(byTarget.get('producer within 1% of 10,000/s asked')).toMatchObject({ measured: '9,998/s (-0.02%)', met: true });
    // 56 ms mean per partition flush x 4 partitions.
    expect(byTarget.get('checkpoint of 100,000 keys < 200 ms (all partitions, one after the other)')).toMatchObject({ measured: '224 ms', met: false });
  });

  it('says "not measured" instead of judging a missing figure', () => {
    const result = samplePipelineResult();
    result.freshness.windowVisibleMs = null;
    result.restart = [];
    const rows = evaluateTargets(result);
    expect(rows.find((r) => r.target.includes('page_minute_agg'))).toMatchObject({ measured: 'not measured', met: null });
    expect(rows.find((r) => r.target.includes('restart'))).toMatchObject({ measured: 'not measured', met: null });
  });
});
