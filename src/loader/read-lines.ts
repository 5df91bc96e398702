import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK = 1 << 16;

/**
 * The raw bytes of a file, read synchronously 64 KiB at a time (suite loading is synchronous), so a
 * large cases file is never held whole in memory. Each chunk is a fresh buffer the caller may keep.
 */
export function* readByteChunks(path: string): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** The text of a file in chunks, UTF-8 decoded across chunk boundaries, without a leading BOM. */
export function* readChunks(path: string): Generator<string> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  for (const bytes of readByteChunks(path)) {
    let s = decoder.write(bytes);
    if (first && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    first = false;
    if (s) yield s;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** The lines of a file (without their `\n` / `\r\n`), 1-based line numbers, streamed. */
export function* readLines(path: string): Generator<{ line: number; text: string }> {
  let pending = '';
  let line = 0;
  for (const chunk of readChunks(path)) {
    pending += chunk;
    let start = 0;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n', start)) {
      line += 1;
      yield { line, text: stripCr(pending.slice(start, nl)) };
      start = nl + 1;
    }
    pending = pending.slice(start);
  }
  if (pending) yield { line: line + 1, text: stripCr(pending) };
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}
