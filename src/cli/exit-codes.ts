/** Exit codes (DESIGN.md "CLI"). */
export const EXIT = {
  ok: 0,
  /** The run finished with failures, or a threshold was missed. */
  failures: 1,
  /** Bad input or configuration. */
  badInput: 2,
  /** Provider or infrastructure failure that left cases unscored. */
  infra: 3,
  interrupted: 130,
} as const;
