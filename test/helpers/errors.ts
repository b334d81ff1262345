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

/** {@link codeOf} for a function that returns a promise: the code of the rejection, or undefined. */
export async function asyncCodeOf(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return isPatronageError(error) ? error.code : `not a PatronageError: ${String(error)}`;
  }
  return undefined;
}

/** The PatronageError `run` throws as its code and message, `undefined` when it returns, or a marker. */
export function errorOf(run: () => unknown): { code: string; message: string } | undefined {
  try {
    run();
  } catch (error) {
    return isPatronageError(error)
      ? { code: error.code, message: error.message }
      : { code: 'not a PatronageError', message: String(error) };
  }
  return undefined;
}
