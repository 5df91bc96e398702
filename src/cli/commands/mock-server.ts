import type { Register } from './index.js';
import { ConfigError } from '../../core/errors.js';
import { EXIT } from '../exit-codes.js';
import { writeJson } from '../context.js';

interface MockServerOpts {
  port: string;
  host: string;
  latency: string;
  failRate: string;
  failKinds?: string;
  seed: string;
  batchDelay: string;
  json?: boolean;
}

/** `juror mock-server`: the built-in mock model over HTTP, for trying juror (or anything else) without a key. */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('mock-server')
    .description('run the built-in mock model as an OpenAI- and Anthropic-compatible HTTP server')
    .option('--port <n>', 'port (0 picks a free one)', '8787')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--latency <ms>', 'delay before every answer', '0')
    .option('--fail-rate <p>', 'share of requests that fail, 0..1', '0')
    .option('--fail-kinds <list>', 'comma-separated fault kinds (default: all)')
    .option('--seed <n>', 'seed for choosing which requests fail', '1')
    .option('--batch-delay <ms>', 'how long a batch (OpenAI Batch API, Anthropic Message Batches) takes to end', '0')
    .option('--json', 'print the addresses as one JSON document')
    .action(async (opts: MockServerOpts) => {
      const port = integer(opts.port, '--port', 0, 65535);
      const latencyMs = integer(opts.latency, '--latency', 0, 600_000);
      const seed = integer(opts.seed, '--seed', -(2 ** 31), 2 ** 31 - 1);
      const batchDelayMs = integer(opts.batchDelay, '--batch-delay', 0, 86_400_000);
      const rate = Number(opts.failRate);
      if (opts.failRate.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
        throw new ConfigError(`--fail-rate must be a number from 0 to 1, got "${opts.failRate}"`);
      }
      const { FAULT_KINDS, isFaultKind } = await import('../../providers/mock/faults.js');
      const kinds = opts.failKinds === undefined ? [...FAULT_KINDS] : opts.failKinds.split(',').map((k) => k.trim()).filter(Boolean);
      for (const kind of kinds) {
        if (!isFaultKind(kind)) throw new ConfigError(`--fail-kinds: unknown fault kind "${kind}" (known: ${FAULT_KINDS.join(', ')})`);
      }
      const { startMockServer } = await import('../../providers/mock/mock-server.js');
      let server;
      try {
        server = await startMockServer({
          port,
          host: opts.host,
          latencyMs,
          batch: { delayMs: batchDelayMs },
          faults: rate > 0 ? { rate, kinds: kinds.filter(isFaultKind), seed } : undefined,
        });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new ConfigError(`port ${port} on ${opts.host} is already in use (choose another with --port)`);
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new ConfigError(`cannot listen on --host ${opts.host}`);
        throw err;
      }
      const urls = { url: server.url, port: server.port, openaiBaseURL: `${server.url}/v1`, anthropicBaseURL: server.url };
      if (opts.json) writeJson(ctx, urls);
      else {
        ctx.stdout.write(`juror mock model listening on ${server.url}\n`);
        ctx.stdout.write(`  OpenAI base URL:    ${urls.openaiBaseURL}   (OPENAI_BASE_URL)\n`);
        ctx.stdout.write(`  Anthropic base URL: ${urls.anthropicBaseURL}   (ANTHROPIC_BASE_URL)\n`);
      }
      if (rate > 0) ctx.stderr.write(`Failing ${Math.round(rate * 100)}% of requests with: ${kinds.join(', ')} (seed ${seed})\n`);
      ctx.stderr.write('Any API key works except "bad-key". Press Ctrl-C to stop.\n');
      await new Promise<void>((done) => {
        if (ctx.signal.aborted) done();
        else ctx.signal.addEventListener('abort', () => done(), { once: true });
      });
      await server.close();
      ctx.stderr.write(`Mock server stopped after ${server.stats().requests} requests.\n`);
      setExit(EXIT.ok);
    });
};

function integer(text: string, flag: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return n;
}
