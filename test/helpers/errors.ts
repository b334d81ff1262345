import { isPatronageError } from '../../src/index';

/** The PatronageError code `run` throws, `undefined` when it returns, or a marker for any other error. */
export function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isPatronageError(error) ? error.code : `not a PatronageError: ${String(error)}`;
  }
  return undefined;
}
