import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** How the suite starts the reference Flink job (tools/bench/flink). */
export interface FlinkJob {
  jvmArgs: string[];
  classPath: string;
  classPathShown: string;
  mainClass: string;
}

const BUILD_SCRIPT = path.join('tools', 'bench', 'flink', 'build.sh');

/**
 * Flink's own `env.java.opts.all` for Java 17 (the opens Kryo and the runtime need), quiet logging,
 * and otherwise the JVM's defaults (heap: a quarter of the machine's memory), as a user gets them.
 */
const JVM_ARGS = [
  '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
  '--add-exports=java.base/sun.net.util=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.net=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-opens=java.base/java.text=ALL-UNNAMED',
  '--add-opens=java.base/java.time=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED',
];

/** Builds the job with Maven into the stack cache (a no-op once built) and says how to run it. */
export function buildFlinkJob(repoRoot: string): FlinkJob {
  const classPath = execFileSync('bash', [path.join(repoRoot, BUILD_SCRIPT)], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  return { jvmArgs: JVM_ARGS, classPath, classPathShown: `"$(bash ${BUILD_SCRIPT})"`, mainClass: 'dev.clickstream.bench.flink.ClickWindowJob' };
}

/** The counter the job serves on /metrics: records its Kafka source deserialized. */
export const FLINK_RECORDS_METRIC = 'flink_bench_records_total';
