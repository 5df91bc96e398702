#!/usr/bin/env node
// Makes a fresh clone ready for `npm start`, `npm test` and `npm run bench`:
// installs dependencies if missing, compiles src/ to dist/ when stale, and (with --browser)
// finds or installs Debian's Chromium for the browser tests. Fails loudly, never skips silently.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { installFailedMessage, installMessage, missingTools } from './setup-messages.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = new Set(process.argv.slice(2));
const log = (msg) => process.stderr.write(`[setup] ${msg}\n`);

function run(cmd, cmdArgs, opts = {}, explain = () => []) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) {
    log(`failed: ${cmd} ${cmdArgs.join(' ')} (exit ${r.status ?? r.signal})`);
    for (const line of explain()) log(line);
    process.exit(r.status || 1);
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

// 1. Dependencies.
const lock = join(root, 'package-lock.json');
const marker = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(marker) || statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000) {
  const missing = missingTools();
  for (const line of installMessage({ missing })) log(line);
  run('npm', ['ci', '--no-audit', '--no-fund'], {}, () => installFailedMessage({ missing }));
  log('dependencies installed.');
}

// 2. Build.
if (args.has('--build')) {
  const distMain = join(root, 'dist', 'cli', 'main.js');
  const stale =
    !existsSync(distMain) ||
    newestMtime(join(root, 'src')) > statSync(distMain).mtimeMs ||
    statSync(join(root, 'tsconfig.json')).mtimeMs > statSync(distMain).mtimeMs;
  if (stale) {
    log('compiling TypeScript to dist/ (npm run build)…');
    run('npx', ['tsc', '-p', 'tsconfig.build.json']);
  }
  // The CLI bundle (bin/juror.js loads it when it is not older than dist/cli/main.js).
  const bundle = join(root, 'dist', 'bundle', 'juror.js');
  if (stale || !existsSync(bundle) || statSync(bundle).mtimeMs < statSync(distMain).mtimeMs) {
    run(process.execPath, ['scripts/bundle-cli.mjs']);
  }
}

// 3. Chromium for the browser tests.
if (args.has('--browser')) {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  let found = candidates.find((p) => existsSync(p));
  if (!found) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot) {
      log('Chromium is needed for the browser tests and is not installed.');
      log('Install it with: sudo apt-get install -y chromium   (or set CHROMIUM_PATH)');
      process.exit(1);
    }
    log('installing Chromium (apt-get install -y chromium)…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    found = candidates.find((p) => existsSync(p));
    if (!found) {
      log('apt-get finished but no chromium binary was found at /usr/bin/chromium');
      process.exit(1);
    }
  }
  try {
    const version = execFileSync(found, ['--version'], { encoding: 'utf8' }).trim();
    log(`browser: ${version} (${found})`);
  } catch (err) {
    log(`${found} does not run: ${err.message}`);
    process.exit(1);
  }
}
