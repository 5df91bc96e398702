// Profile juror over real loopback HTTP: `juror mock-server` in its own process, then
// `node --cpu-prof bin/juror.js run` on N cases (contains + rubric judge, concurrency 32), then
// the top frames (bench/profile-top.mjs) and juror's CPU per case with the load average.
//   node bench/profile-http.mjs [N] [--no-judge] [--keep DIR]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeBenchSuite } from './suite-fixture.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/juror.js');
const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { 'no-judge': { type: 'boolean' }, keep: { type: 'string' } } });
const n = Number(positionals[0] ?? 1000);
const work = args.keep ?? mkdtempSync(join(tmpdir(), 'juror-prof-'));
mkdirSync(work, { recursive: true });

const server = spawn(process.execPath, [BIN, 'mock-server', '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
let urls;
for await (const chunk of server.stdout) {
  out += chunk;
  try { urls = JSON.parse(out); break; } catch { /* partial */ }
}
try {
  const suite = writeBenchSuite(work, { n, provider: 'openai:mock-model', judge: args['no-judge'] ? null : 'openai:mock-judge' });
  const profDir = join(work, 'prof');
  const load0 = loadavg()[0];
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, '--import', join(ROOT, 'bench/metrics-preload.mjs'), BIN,
    'run', suite, '--db', join(work, `j-${Date.now()}.db`), '--concurrency', '32'], {
    cwd: work, encoding: 'utf8',
    env: { ...process.env, CI: '1', JUROR_DB: '', OPENAI_BASE_URL: urls.openaiBaseURL, OPENAI_API_KEY: 'bench', BENCH_METRICS: join(work, 'metrics.json') },
  });
  if (r.status !== 0) throw new Error(`juror exit ${r.status}: ${r.stderr.slice(-400)}`);
  const m = JSON.parse(spawnSync('cat', [join(work, 'metrics.json')], { encoding: 'utf8' }).stdout);
  const file = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).sort().pop();
  process.stdout.write(`${n} cases${args['no-judge'] ? '' : ' + judge'}: juror CPU ${((m.userMs + m.systemMs) / n).toFixed(2)} ms per case (whole process, profiler on), load ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}\n`);
  process.stdout.write(spawnSync(process.execPath, [join(ROOT, 'bench/profile-top.mjs'), join(profDir, file), '30'], { encoding: 'utf8' }).stdout);
} finally {
  server.kill('SIGINT');
  if (!args.keep) rmSync(work, { recursive: true, force: true });
}
