import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.js';

describe('juror serve (in-process CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'juror-cli-serve-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the URL and the admin hint, serves, and stops gracefully on the signal', async () => {
    const add = await runCli(['annotators', 'add', 'lead', '--admin', '--json'], { cwd: dir });
    const { token } = JSON.parse(add.stdout);
    const controller = new AbortController();
    let resolveUrl!: (u: string) => void;
    const urlSeen = new Promise<string>((r) => (resolveUrl = r));
    const running = runCli(['serve', '--port', '0'], {
      cwd: dir,
      signal: controller.signal,
      onStdout: (s) => {
        const m = /juror review server: (http:\/\/127\.0\.0\.1:\d+)\//.exec(s);
        if (m) resolveUrl(m[1]!);
      },
    });
    const url = await urlSeen;
    expect(running.out.stderr).toContain('juror annotators link lead');
    const login = await fetch(`${url}/login?token=${token}`);
    expect(login.status).toBe(200);
    // links printed from now on point at this server, not a fixed :8080
    const link = await runCli(['annotators', 'link', 'lead', '--json'], { cwd: dir });
    expect(JSON.parse(link.stdout).link).toMatch(new RegExp(`^${url.replace(/\./g, '\\.')}/login#token=`));
    controller.abort();
    const done = await running;
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('Server stopped.');
    await expect(fetch(`${url}/login`)).rejects.toThrow();
  });

  it('says when the port is taken', async () => {
    const controller = new AbortController();
    let resolveUrl!: (u: string) => void;
    const urlSeen = new Promise<string>((r) => (resolveUrl = r));
    const first = runCli(['serve', '--port', '0'], { cwd: dir, signal: controller.signal, onStdout: (s) => { const m = /:(\d+)\//.exec(s); if (m) resolveUrl(m[1]!); } });
    const port = await urlSeen;
    const second = await runCli(['serve', '--port', port], { cwd: dir });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    controller.abort();
    expect((await first).code).toBe(0);
  });
});
