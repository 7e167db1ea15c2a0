export { GracefulShutdown, type GracefulShutdownOptions, type ShutdownLogger } from './lib/graceful-shutdown';
