import { Option } from 'commander';
import type { Register } from './index.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { dbPath } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { ConfigError, DatabaseBusyError } from '../../core/errors.js';
import { publicUrlFrom } from '../public-url.js';

interface ServeOpts {
  port: string;
  host: string;
  db?: string;
  publicUrl?: string;
  baseUrl?: string;
  secureCookies?: boolean;
  rubrics?: string;
  trustProxy?: boolean;
}

/** `juror serve`: the review UI and admin pages, until Ctrl-C. */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('serve')
    .description('serve the review UI and admin pages')
    .option('--port <n>', 'port (0 picks a free one)', '8080')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--public-url <url>', 'the address people open (behind a proxy, or another host name); default JUROR_PUBLIC_URL')
    .addOption(new Option('--base-url <url>').hideHelp())
    .option('--secure-cookies', 'mark cookies Secure (serving over HTTPS)')
    .option('--trust-proxy', 'behind one reverse proxy: take the client IP (for the sign-in rate limit) from X-Forwarded-For')
    .option('--rubrics <dir>', 'rubric directory offered by the admin page', 'rubrics')
    .option('--db <file>', 'database file')
    .action(async (opts: ServeOpts) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port must be 0-65535, got "${opts.port}"`);
      const publicUrl = publicUrlFrom(ctx, opts.publicUrl, opts.baseUrl);
      const { openSqliteStore } = await import('../../storage/sqlite-store.js');
      const { startServer } = await import('../../server/listen.js');
      const store = openSqliteStore(dbPath(ctx, opts.db));
      let running;
      try {
        const rubricsDir = resolve(ctx.cwd, opts.rubrics ?? 'rubrics');
        running = await startServer({
          store,
          port,
          host: opts.host,
          config: {
            publicUrl,
            secureCookies: Boolean(opts.secureCookies),
            trustProxy: opts.trustProxy ? 1 : undefined,
            rubricsDir: existsSync(rubricsDir) ? rubricsDir : undefined,
            log: (line) => ctx.stderr.write(line + '\n'),
          },
        });
      } catch (err) {
        store.close();
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new ConfigError(`port ${port} on ${opts.host} is already in use (choose another with --port)`);
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new ConfigError(`cannot listen on --host ${opts.host}`);
        throw err;
      }
      const admins = store.listAnnotators().filter((a) => a.role === 'admin' && !a.disabled);
      const linkUrl = publicUrl ?? running.url;
      // `juror annotators add/link` print links for this address from now on
      try {
        store.setSetting('public_url', linkUrl);
      } catch (err) {
        if (!(err instanceof DatabaseBusyError)) throw err;
        ctx.stderr.write(`warning: the database is busy; links printed by \`juror annotators\` may not use ${linkUrl} (pass --public-url to them)\n`);
      }
      ctx.stdout.write(`juror review server: ${running.url}/\n`);
      if (publicUrl) ctx.stdout.write(`public address: ${publicUrl}/\n`);
      ctx.stderr.write(
        admins.length === 0
          ? 'No admin yet: create one with `juror annotators add NAME --admin` and open the link it prints.\n'
          : `Admin: open your login link (lost it? \`juror annotators link ${admins[0]!.name}\` prints a new one for ${linkUrl}), then ${linkUrl}/admin\n`,
      );
      const beyond = !['127.0.0.1', 'localhost', '::1'].includes(opts.host);
      if (beyond && !opts.secureCookies) {
        ctx.stderr.write('warning: listening beyond this machine over plain HTTP; put it behind HTTPS and use --secure-cookies\n');
      }
      if (beyond && !publicUrl) {
        ctx.stderr.write(`warning: without --public-url only requests to localhost/127.0.0.1 are answered (others get 421); set --public-url to the address people open\n`);
      }
      ctx.stderr.write('Press Ctrl-C to stop.\n');
      await new Promise<void>((done) => {
        if (ctx.signal.aborted) done();
        else ctx.signal.addEventListener('abort', () => done(), { once: true });
      });
      await running.close();
      store.close();
      ctx.stderr.write('Server stopped.\n');
      setExit(EXIT.ok);
    });
};
