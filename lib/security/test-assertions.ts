/** For unit tests: the EsError a call throws, or a promise rejects with (fails the test otherwise). */
import { expect } from 'vitest';
import { EsError } from './errors';

export function thrownEsError(fn: () => unknown): EsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EsError);
    return error as EsError;
  }
  throw new Error('expected an EsError to be thrown');
}

export async function rejectedEsError(promise: unknown): Promise<EsError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EsError);
    return error as EsError;
  }
  throw new Error('expected the promise to reject with an EsError');
}
