import { describeValue } from './describe-value';

/** A window engine or assigner setting is invalid; raised at construction. */
export class WindowConfigError extends Error {
  override readonly name = 'WindowConfigError';

  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly requirement: string,
  ) {
    super(`Invalid window config: ${field} = ${describeValue(value)} (${requirement})`);
  }
}
