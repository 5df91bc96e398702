/** Temporary: signatures are published before the bodies land. Removed once all are implemented. */
export function notYet(name: string): never {
  throw new Error(`stats: ${name} is not implemented yet`);
}
