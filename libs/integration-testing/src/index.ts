export {
  LocalStack,
  useLocalStack,
  useSecureLocalStack,
  type TestDatabaseOptions,
  type TestTopicOptions,
  type UseLocalStackOptions,
} from './lib/local-stack';
export { ensureLocalStack, LocalStackStartError, STACK_START_TIMEOUT_MS } from './lib/start-local-stack';
export { readStackEndpoints, type StackEndpoints, type StackSecurity } from './lib/stack-endpoints';
export { uniqueName } from './lib/unique-name';
export { waitFor, WaitForTimeoutError, type WaitForOptions } from './lib/wait-for';
export { findWorkspaceRoot } from './lib/workspace-root';
export { kafkaLibsDir, produceWithJavaConsoleProducer, produceWithKcat, type KeyedLine, type ThirdPartyProduceOptions } from './lib/third-party-producers';
