/**
 * The local stack: Kafka (KRaft), ClickHouse 26.7 and Redis as processes on loopback, no Docker.
 *   tsx tools/local-stack/src/cli.ts up|down|status|logs [service] [-f] [-n N]
 *   tsx tools/local-stack/src/cli.ts stop|start|wipe <service>   (one service: fault drills, debugging)
 * Normally run through tools/scripts/stack.sh (npm run stack:up ...), which installs what is missing first.
 */
import { down } from './commands/down';
import { logs } from './commands/logs';
import { startService, stopService, wipeService } from './commands/service';
import { status } from './commands/status';
import { up } from './commands/up';
import { StackError } from './stack-errors';
import { REPO_ROOT } from './stack-paths';
import { defineStack } from './stack-services';
import { readStackSettings } from './stack-settings';

const USAGE =
  'usage: stack <up|down|status|logs [kafka|clickhouse|redis|prometheus|superset] [-f] [-n lines]|stop <service>|start <service>|wipe <service>> [--secure]';

async function main(argv: string[]): Promise<number> {
  // --secure (or CLICKSTREAM_STACK_SECURE=1, which .stack/secure/clickstream.env sets): the secure
  // stack, beside the plain one (its own folder and ports).
  const secure = argv.includes('--secure') || process.env['CLICKSTREAM_STACK_SECURE'] === '1';
  const [command, ...rest] = argv.filter((a) => a !== '--secure');
  const log = (message: string) => console.log(`[stack${secure ? ' secure' : ''}] ${message}`);
  const stack = defineStack(readStackSettings(process.env, REPO_ROOT, { secure }), log);
  switch (command) {
    case 'up':
      return (await up(stack)) ? 0 : 1;
    case 'down':
      return (await down(stack)) ? 0 : 1;
    case 'status':
      return (await status(stack)) ? 0 : 1;
    case 'logs': {
      const follow = rest.includes('-f') || rest.includes('--follow');
      const nIndex = rest.indexOf('-n');
      const lines = nIndex >= 0 ? Number(rest[nIndex + 1]) : 100;
      const service = rest.find((a, i) => !a.startsWith('-') && rest[i - 1] !== '-n');
      return (await logs(stack, service, follow, Number.isFinite(lines) ? lines : 100)) ? 0 : 1;
    }
    case 'stop':
      return (await stopService(stack, rest[0])) ? 0 : 1;
    case 'start':
      return (await startService(stack, rest[0])) ? 0 : 1;
    case 'wipe':
      return (await wipeService(stack, rest[0])) ? 0 : 1;
    default:
      console.error(USAGE);
      return 2;
  }
}

// A signal must still run the exit handlers (they release the stack lock).
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof StackError) console.error(`[stack] ${error.message}`);
    else console.error('[stack] unexpected failure:', error);
    process.exit(1);
  },
);
