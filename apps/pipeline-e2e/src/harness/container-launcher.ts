import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AppLauncher } from './app-process';

/**
 * The podman settings `npm run images` generated (tools/images/podman-env.sh): runc, cgroupfs and
 * ulimits within the machine's hard limits.
 */
export function containersConf(root: string): string {
  return process.env['CONTAINERS_CONF'] ?? path.join(root, 'tmp', 'podman', 'containers.conf');
}

/** Builds the three images (a no-op past the layer cache); returns their tag. */
export function buildImages(root: string): string {
  execFileSync('bash', [path.join(root, 'tools', 'images', 'images.sh')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
}

/**
 * Runs each app from its image, clickstream/<app>:<tag>, on the host network (the local stack
 * listens on loopback). `podman run` forwards SIGTERM to the app (sig-proxy) and exits with its code.
 */
export function podmanLauncher(root: string, tag: string): AppLauncher {
  return {
    command: 'podman',
    prefix: (app, label) => ['run', '--rm', '--network', 'host', '--name', label.replace(/[^A-Za-z0-9_.-]/g, '_'), '-e', 'LOG_LEVEL=info', `clickstream/${app}:${tag}`],
    env: { CONTAINERS_CONF: containersConf(root) },
  };
}

/** `podman run --entrypoint <command> IMAGE args...`: what a command prints inside the image. */
export function runInImage(root: string, image: string, command: string, args: string[]): string {
  return execFileSync('podman', ['run', '--rm', '--entrypoint', command, image, ...args], {
    env: { ...process.env, CONTAINERS_CONF: containersConf(root) },
    encoding: 'utf8',
  }).trim();
}
