import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main.js';

function streams() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { stdout, stderr, out: () => out, err: () => err };
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('juror mock-server', () => {
  it('serves both APIs on the printed URLs until aborted, with injected faults', async () => {
    const s = streams();
    const controller = new AbortController();
    const done = main(['mock-server', '--port', '0', '--json', '--fail-rate', '1', '--fail-kinds', '503'], {
      stdout: s.stdout,
      stderr: s.stderr,
      env: {},
      cwd: process.cwd(),
      signal: controller.signal,
    });
    await until(() => s.out().includes('}'));
    const info = JSON.parse(s.out());
    expect(info.openaiBaseURL).toBe(`${info.url}/v1`);
    expect(info.anthropicBaseURL).toBe(info.url);
    const res = await fetch(`${info.openaiBaseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(503);
    expect(s.err()).toContain('Failing 100% of requests with: 503 (seed 1)');
    controller.abort();
    expect(await done).toBe(0);
    expect(s.err()).toContain('Mock server stopped after 1 requests.');
    await expect(fetch(`${info.url}/_stats`)).rejects.toThrow();
  });

  for (const [args, message] of [
    [['--fail-rate', '2'], 'error: --fail-rate must be a number from 0 to 1, got "2"'],
    [['--fail-kinds', '429,gremlin'], 'error: --fail-kinds: unknown fault kind "gremlin"'],
    [['--port', '-1'], 'error: --port must be a whole number from 0 to 65535, got "-1"'],
  ] as const) {
    it(`bad input ${args.join(' ')} → exit 2 with one line`, async () => {
      const s = streams();
      const code = await main(['mock-server', ...args], { stdout: s.stdout, stderr: s.stderr, env: {}, cwd: process.cwd(), signal: new AbortController().signal });
      expect(code).toBe(2);
      expect(s.err().startsWith(message)).toBe(true);
      expect(s.out()).toBe('');
    });
  }
});
