import { findWorkspaceRoot, LocalStack, STACK_START_TIMEOUT_MS, useLocalStack } from '@clickstream/integration-testing';
import { buildImages, podmanLauncher, runInImage } from './harness/container-launcher';
import { PipelineScenario, seededTraffic } from './harness/pipeline-scenario';
import { settledTables } from './harness/settled-tables';

// A cold build (local Node base, npm ci, type check, bundles) takes minutes; later runs hit the cache.
const BUILD_TIMEOUT_MS = 40 * 60_000;
jest.setTimeout(10 * 60_000);

const EVENTS = 20_000;
const SEED = 20_261_127;

/**
 * The shipped artefacts, not the dist bundles: the images `npm run images` builds (with
 * podman, from the Dockerfiles compose uses) run the pipeline against the local stack.
 */
describe('pipeline from the container images (podman, --network host)', () => {
  const root = findWorkspaceRoot();
  let stack: LocalStack;
  let tag: string;
  let scenario: PipelineScenario | undefined;

  beforeAll(async () => {
    stack = await useLocalStack();
    tag = buildImages(root);
  }, STACK_START_TIMEOUT_MS + BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await scenario?.close();
    await stack?.close();
  });

  it('runs as the unprivileged user node, not root', () => {
    for (const app of ['producer', 'aggregator', 'raw-sink', 'anomaly-scorer']) {
      expect(runInImage(root, `clickstream/${app}:${tag}`, 'id', ['-u'])).toBe('1000');
    }
  });

  it('produces, aggregates and stores exactly the reference results, and stops gracefully on SIGTERM (exit 0)', async () => {
    scenario = await PipelineScenario.create(stack, 'containers', 2);
    scenario.launcher = podmanLauncher(root, tag);
    await scenario.produce(seededTraffic(EVENTS, SEED));
    const reference = await scenario.reference();
    expect(reference.validEventIds).toHaveLength(EVENTS);

    const aggregator = scenario.start('aggregator');
    const rawSink = scenario.start('raw-sink');
    await settledTables(scenario, reference, () => [aggregator, rawSink]);

    // SIGTERM to `podman run` reaches the app inside (sig-proxy): flush, checkpoint, leave, exit 0.
    expect(await aggregator.stop()).toBe(0);
    expect(await rawSink.stop()).toBe(0);
    expect(aggregator.log()).toContain('shutdown complete');
    expect(rawSink.log()).toContain('shutdown complete');
  });
});
