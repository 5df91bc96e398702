/** Entry point placeholder; the CLI is built in src/cli/. Returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  console.error(`juror: not built yet (${argv.join(' ')})`);
  return 2;
}
