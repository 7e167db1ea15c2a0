export { GracefulShutdown, type GracefulShutdownOptions, type ShutdownLogger } from './lib/graceful-shutdown';
export { exitOnFatal, fatalLine, type FatalReportOptions } from './lib/startup/fatal-exit';
export { networkReason, StartupError } from './lib/startup/startup-error';
export { endpointOfHostPort, endpointOfUrl, noneReachable, tcpUnreachableReason, type Endpoint } from './lib/startup/tcp-reachability';
export { dependencyFailed, listenFailed, requireReachable, withStartupDeadline, type Dependency } from './lib/startup/startup-checks';
