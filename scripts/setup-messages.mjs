// What scripts/ensure-setup.mjs tells a person during the first `npm start` / `npm test`, kept
// apart so the wording is tested (test/scripts/setup-messages.test.ts).
import { spawnSync } from 'node:child_process';

export const TOOLCHAIN = ['python3', 'make', 'g++'];

/** The tools of TOOLCHAIN that are not on PATH. */
export function missingTools(tools = TOOLCHAIN, env = process.env) {
  return tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`], { env, stdio: 'ignore' }).status !== 0);
}

/** Lines shown before `npm ci`. */
export function installMessage({ node = process.versions.node, platform = `${process.platform}-${process.arch}`, missing = [] } = {}) {
  const lines = [
    'installing dependencies (npm ci): first run only, usually under a minute.',
    `better-sqlite3 (the SQLite driver) downloads a prebuilt binary for Node ${node} on ${platform};`,
    `if none fits it compiles SQLite from source, which takes a few minutes and needs a C++ toolchain: ${TOOLCHAIN.join(', ')}.`,
  ];
  if (missing.length > 0) {
    lines.push(`not found on PATH: ${missing.join(', ')}. If the build fails, install them (Debian/Ubuntu: sudo apt-get install -y python3 make g++) and run again.`);
  }
  return lines;
}

/** Lines shown when `npm ci` failed. */
export function installFailedMessage({ missing = [] } = {}) {
  const lines = ['npm ci failed (its output is above).'];
  lines.push(
    missing.length > 0
      ? `better-sqlite3 probably had to compile from source and ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: install ${TOOLCHAIN.join(', ')} (Debian/Ubuntu: sudo apt-get install -y python3 make g++), then run again.`
      : `If the error mentions node-gyp or better-sqlite3, it is compiling from source: check that ${TOOLCHAIN.join(', ')} work, or use a Node version with prebuilt binaries (Node 20 or 22 LTS).`,
  );
  return lines;
}
