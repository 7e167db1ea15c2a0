import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceDefinition } from '../services/service-definition';
import { StackError } from '../stack-errors';
import { StackPaths, type ServiceName } from '../stack-paths';
import type { Stack } from '../stack-services';
import { readStackSettings } from '../stack-settings';
import { selectService, stopService, wipeService } from './service';

/** A service definition whose process is "ours" exactly when `running` says so (pid = this test). */
function fakeService(paths: StackPaths, name: ServiceName, running: () => boolean): ServiceDefinition {
  return {
    name,
    address: '127.0.0.1:1',
    ports: [],
    startTimeoutMs: 1_000,
    stopTimeoutMs: 1_000,
    logFiles: [paths.logFile(name)],
    pidFile: paths.pidFile(name),
    isOwnProcess: (p) => running() && p.pid === process.pid,
    prepare: async () => undefined,
    launchSpec: () => ({ command: 'true', args: [], cwd: paths.dataDir(name) }),
    checkHealth: async () => undefined,
  };
}

describe('one-service commands', () => {
  let dir: string;
  let stack: Stack;
  let redisRunning = false;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'stack-service-'));
    const paths = new StackPaths(dir);
    redisRunning = false;
    stack = {
      settings: readStackSettings({ CLICKSTREAM_STACK_DIR: dir }, dir),
      paths,
      services: [fakeService(paths, 'kafka', () => false), fakeService(paths, 'redis', () => redisRunning)],
      log: () => undefined,
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('selects a service by name and names the valid ones for an unknown name', () => {
    expect(selectService(stack, 'redis').name).toBe('redis');
    expect(() => selectService(stack, 'zookeeper')).toThrow(StackError);
    expect(() => selectService(stack, 'zookeeper')).toThrow(/one of kafka, redis/);
  });

  it('wipe deletes the data folder of a stopped service only', async () => {
    const data = stack.paths.dataDir('redis');
    mkdirSync(data, { recursive: true });
    writeFileSync(path.join(data, 'appendonly.aof'), 'x');
    await expect(wipeService(stack, 'redis')).resolves.toBe(true);
    expect(existsSync(data)).toBe(false);
    expect(existsSync(stack.paths.dataDir('kafka'))).toBe(false);
  });

  it('wipe refuses while the service runs and leaves its data alone', async () => {
    const data = stack.paths.dataDir('redis');
    mkdirSync(data, { recursive: true });
    redisRunning = true;
    mkdirSync(stack.paths.runDir, { recursive: true });
    writeFileSync(stack.paths.pidFile('redis'), `${process.pid}\n`);
    await expect(wipeService(stack, 'redis')).rejects.toThrow(/redis is running .* stop it before wiping/);
    expect(existsSync(data)).toBe(true);
  });

  it('stop of a service that is not running succeeds and reports it stopped', async () => {
    await expect(stopService(stack, 'kafka')).resolves.toBe(true);
  });
});
