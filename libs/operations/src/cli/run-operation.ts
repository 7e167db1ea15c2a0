import { fatalLine } from '@clickstream/lifecycle';
import { OperationError } from '../lib/operations-error';

/** Runs one command: its summary on stdout and exit 0, or one line on stderr and exit 1. */
export function runOperation(name: string, work: () => Promise<string>): void {
  work().then(
    (summary) => {
      process.stdout.write(`${summary}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(err instanceof OperationError ? `${name}: ${err.message}\n` : `${fatalLine(name, err, process.env['LOG_LEVEL'] === 'debug')}\n`);
      process.exit(1);
    },
  );
}
