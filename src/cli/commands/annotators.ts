import { Option } from 'commander';
import type { Register } from './index.js';
import { dbPath, writeJson, type CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { parseDuration } from '../duration.js';
import { printable } from '../printable.js';
import { publicUrlFrom } from '../public-url.js';
import type { AnnotatorRecord, Store } from '../../storage/store.js';

const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:8080';

/**
 * The address links point at: --public-url, else JUROR_PUBLIC_URL, else the address the last
 * `juror serve` on this database listened on (it records it), else the default serve address.
 */
function linkBase(ctx: CliContext, store: Store, opts: { publicUrl?: string; baseUrl?: string }): string {
  return publicUrlFrom(ctx, opts.publicUrl, opts.baseUrl) ?? store.getSetting('public_url') ?? DEFAULT_PUBLIC_URL;
}

interface LinkOpts { publicUrl?: string; baseUrl?: string; expires: string; db?: string; json?: boolean }

/**
 * `juror annotators add NAME [--admin]` prints a personal login link once (only the token's
 * sha256 is stored); `link NAME` replaces it (the old link and its sessions stop working);
 * `disable` / `enable`; `list`.
 */
export const register: Register = (program, ctx, setExit) => {
  const cmd = program.command('annotators').description('manage the people who review outputs');
  const linkOptions = (c: ReturnType<typeof cmd.command>) =>
    c
      .option('--expires <duration>', 'how long the link signs in: 14d, 12h, 2w ...', '14d')
      .option('--public-url <url>', 'server address in the link (default: JUROR_PUBLIC_URL, else where `juror serve` last ran)')
      .addOption(new Option('--base-url <url>').hideHelp())
      .option('--db <file>', 'database file')
      .option('--json', 'print one JSON document');

  linkOptions(
    cmd
      .command('add')
      .argument('<name>', 'annotator name (letters, digits, _ . @ -)')
      .description('create an annotator and print their personal login link (shown once)')
      .option('--admin', 'give the admin role (admin pages, queue creation)'),
  ).action(async (name: string, opts: LinkOpts & { admin?: boolean }) => {
    await issueLink(ctx, opts, 'created', (tokens, store, ttlMs) => tokens.addAnnotator(store, name, opts.admin ? 'admin' : 'annotator', { ttlMs }));
    setExit(EXIT.ok);
  });

  linkOptions(
    cmd
      .command('link')
      .argument('<name>', 'annotator name')
      .description('issue a new login link for an annotator; the old one and its sessions stop working'),
  ).action(async (name: string, opts: LinkOpts) => {
    await issueLink(ctx, opts, 'has a new link', (tokens, store, ttlMs) => tokens.resetAnnotatorToken(store, name, { ttlMs }));
    setExit(EXIT.ok);
  });

  for (const [verb, enabled] of [['disable', false], ['enable', true]] as const) {
    cmd
      .command(verb)
      .argument('<name>', 'annotator name')
      .description(enabled ? 'let a disabled annotator sign in again (with their current link)' : 'end every session of an annotator and refuse new sign-ins')
      .option('--db <file>', 'database file')
      .option('--json', 'print one JSON document')
      .action(async (name: string, opts: { db?: string; json?: boolean }) => {
        const { openSqliteStore } = await import('../../storage/sqlite-store.js');
        const { setAnnotatorEnabled } = await import('../../review/tokens.js');
        const store = openSqliteStore(dbPath(ctx, opts.db));
        try {
          const a = setAnnotatorEnabled(store, name, enabled);
          if (opts.json) writeJson(ctx, { id: a.id, name: a.name, disabled: a.disabled });
          else {
            ctx.stdout.write(
              enabled
                ? `Annotator "${a.name}" is enabled again; their current link signs in until ${a.tokenExpiresAt ?? 'never'}.\n`
                : `Annotator "${a.name}" is disabled: every session has ended (a running server notices within 5 s) and sign-in is refused.\n`,
            );
          }
        } finally {
          store.close();
        }
        setExit(EXIT.ok);
      });
  }

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
          writeJson(ctx, { annotators: list.map((a) => ({ id: a.id, name: a.name, role: a.role, disabled: a.disabled, createdAt: a.createdAt, linkExpiresAt: a.tokenExpiresAt })) });
        } else if (list.length === 0) {
          ctx.stdout.write('No annotators yet. Add one with: juror annotators add NAME [--admin]\n');
        } else {
          const now = Date.now();
          const width = Math.max(4, ...list.map((a) => a.name.length));
          ctx.stdout.write(`${'NAME'.padEnd(width)}  ROLE       CREATED                   LINK\n`);
          for (const a of list) {
            const link = a.tokenExpiresAt === null ? 'never expires' : Date.parse(a.tokenExpiresAt) > now ? `until ${a.tokenExpiresAt.slice(0, 10)}` : `expired ${a.tokenExpiresAt.slice(0, 10)}`;
            ctx.stdout.write(`${printable(a.name).padEnd(width)}  ${a.role.padEnd(9)}  ${a.createdAt.padEnd(24)}  ${link}${a.disabled ? '  (disabled)' : ''}\n`);
          }
        }
      });
      setExit(EXIT.ok);
    });
};

type Tokens = typeof import('../../review/tokens.js');

/** Open the store, make a link with `make`, print it for the configured public URL. */
async function issueLink(
  ctx: CliContext,
  opts: LinkOpts,
  verb: string,
  make: (tokens: Tokens, store: Store, ttlMs: number) => { annotator: AnnotatorRecord; token: string },
): Promise<void> {
  const ttlMs = parseDuration(opts.expires, '--expires');
  const { openSqliteStore } = await import('../../storage/sqlite-store.js');
  const tokens = await import('../../review/tokens.js');
  const store = openSqliteStore(dbPath(ctx, opts.db));
  try {
    const base = linkBase(ctx, store, opts);
    const { annotator, token } = make(tokens, store, ttlMs);
    printLink(ctx, annotator, tokens.loginLink(base, token), token, opts.json, verb);
  } finally {
    store.close();
  }
}

function printLink(
  ctx: CliContext,
  annotator: { id: string; name: string; role: string; tokenExpiresAt: string | null },
  link: string,
  token: string,
  json: boolean | undefined,
  verb: string,
): void {
  if (json) {
    writeJson(ctx, { id: annotator.id, name: annotator.name, role: annotator.role, token, link, expiresAt: annotator.tokenExpiresAt });
    return;
  }
  ctx.stdout.write(
    `Annotator "${annotator.name}" (${annotator.role}) ${verb}.\n` +
      `Personal login link (shown once; anyone with it can sign in as ${annotator.name} until ${annotator.tokenExpiresAt?.slice(0, 10) ?? 'revoked'}):\n  ${link}\n`,
  );
}
