import { expect } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';

/** The one-line message of the ConfigError that `fn` must throw (fails the test otherwise). */
export function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError to be thrown');
}
