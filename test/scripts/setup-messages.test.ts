// What the first `npm ci` tells a new user (scripts/ensure-setup.mjs): what is happening, and that
// better-sqlite3 may compile from source and then needs python3, make and g++.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import { installFailedMessage, installMessage, missingTools } from '../../scripts/setup-messages.mjs';

describe('setup messages', () => {
  it('say what npm ci does, and name the C++ toolchain a source build needs', () => {
    const text = (installMessage({ node: '20.19.0', platform: 'linux-x64' }) as string[]).join('\n');
    expect(text).toContain('installing dependencies (npm ci): first run only');
    expect(text).toContain('prebuilt binary for Node 20.19.0 on linux-x64');
    expect(text).toContain('compiles SQLite from source');
    expect(text).toContain('C++ toolchain: python3, make, g++');
    expect(text).not.toContain('not found on PATH');
  });

  it('name the missing tools, before and after a failed install', () => {
    expect((installMessage({ missing: ['g++'] }) as string[]).at(-1)).toBe(
      'not found on PATH: g++. If the build fails, install them (Debian/Ubuntu: sudo apt-get install -y python3 make g++) and run again.',
    );
    expect((installFailedMessage({ missing: ['make', 'g++'] }) as string[]).join('\n')).toContain('make, g++ are missing: install python3, make, g++');
  });

  it('finds what is missing on PATH', () => {
    expect(missingTools(['sh', 'surely-not-a-tool-xyz'])).toEqual(['surely-not-a-tool-xyz']);
  });
});
