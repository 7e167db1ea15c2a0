/** An assigner returned two windows with the same start but different ends; the engine keys windows by start. */
export class WindowAssignerContractError extends Error {
  override readonly name = 'WindowAssignerContractError';

  constructor(
    readonly start: number,
    readonly knownEnd: number,
    readonly newEnd: number,
  ) {
    super(`Window assigner returned [${start}, ${newEnd}) but [${start}, ${knownEnd}) is already open: windows must not share a start`);
  }
}
