import type { Register } from './index.js';

/** `juror compare` — not implemented yet (placeholder so the CLI builds). */
export const register: Register = (_program, _ctx, _setExit) => {};
