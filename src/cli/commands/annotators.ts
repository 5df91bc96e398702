import type { Register } from './index.js';
import { dbPath, writeJson, type CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

const DEFAULT_BASE_URL = 'http://127.0.0.1:8080';

export function baseUrlFor(ctx: CliContext, flag?: string): string {
  return (flag ?? ctx.env.JUROR_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/**
 * `juror annotators add NAME [--admin]` prints a personal login link once (only the token's
 * sha256 is stored); `juror annotators link NAME` replaces it; `juror annotators list`.
 */
export const register: Register = (program, ctx, setExit) => {
  const cmd = program.command('annotators').description('manage the people who review outputs');

  cmd
    .command('add')
    .argument('<name>', 'annotator name (letters, digits, _ . @ -)')
    .description('create an annotator and print their personal login link (shown once)')
    .option('--admin', 'give the admin role (admin pages, queue creation)')
    .option('--base-url <url>', 'server address used in the link (default: JUROR_BASE_URL or http://127.0.0.1:8080)')
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .action(async (name: string, opts: { admin?: boolean; baseUrl?: string; db?: string; json?: boolean }) => {
      const { openSqliteStore } = await import('../../storage/sqlite-store.js');
      const { addAnnotator, loginLink } = await import('../../review/tokens.js');
      const store = openSqliteStore(dbPath(ctx, opts.db));
      try {
        const { annotator, token } = addAnnotator(store, name, opts.admin ? 'admin' : 'annotator');
        printLink(ctx, annotator, loginLink(baseUrlFor(ctx, opts.baseUrl), token), token, opts.json, 'created');
      } finally {
        store.close();
      }
      setExit(EXIT.ok);
    });

  cmd
    .command('link')
    .argument('<name>', 'annotator name')
    .description('issue a new login link for an annotator; the old one stops working')
    .option('--base-url <url>', 'server address used in the link')
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .action(async (name: string, opts: { baseUrl?: string; db?: string; json?: boolean }) => {
      const { openSqliteStore } = await import('../../storage/sqlite-store.js');
      const { resetAnnotatorToken, loginLink } = await import('../../review/tokens.js');
      const store = openSqliteStore(dbPath(ctx, opts.db));
      try {
        const { annotator, token } = resetAnnotatorToken(store, name);
        printLink(ctx, annotator, loginLink(baseUrlFor(ctx, opts.baseUrl), token), token, opts.json, 'has a new link');
      } finally {
        store.close();
      }
      setExit(EXIT.ok);
    });

  cmd
    .command('list')
    .description('list annotators')
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const { withStore } = await import('./run-common.js');
      await withStore(ctx, opts.db, (store) => {
        const list = store.listAnnotators();
        if (opts.json) {
          writeJson(ctx, { annotators: list.map((a) => ({ id: a.id, name: a.name, role: a.role, disabled: a.disabled, createdAt: a.createdAt })) });
        } else if (list.length === 0) {
          ctx.stdout.write('No annotators yet. Add one with: juror annotators add NAME [--admin]\n');
        } else {
          const width = Math.max(4, ...list.map((a) => a.name.length));
          ctx.stdout.write(`${'NAME'.padEnd(width)}  ROLE       CREATED\n`);
          for (const a of list) {
            ctx.stdout.write(`${a.name.padEnd(width)}  ${a.role.padEnd(9)}  ${a.createdAt}${a.disabled ? '  (disabled)' : ''}\n`);
          }
        }
      });
      setExit(EXIT.ok);
    });
};

function printLink(
  ctx: CliContext,
  annotator: { id: string; name: string; role: string },
  link: string,
  token: string,
  json: boolean | undefined,
  verb: string,
): void {
  if (json) {
    writeJson(ctx, { id: annotator.id, name: annotator.name, role: annotator.role, token, link });
    return;
  }
  ctx.stdout.write(
    `Annotator "${annotator.name}" (${annotator.role}) ${verb}.\n` +
      `Personal login link (shown once; anyone with it can sign in as ${annotator.name}):\n  ${link}\n`,
  );
}
