import { writeFileSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { parse as parseStream } from 'csv-parse';
const p = '/tmp/perfw/labels-1m.csv';
const rows = ['item,rater,criterion,label'];
let a = 2026;
const rand = () => { a = (a + 0x6d2b79f5) >>> 0; let t = Math.imul(a ^ (a >>> 15), a | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
for (let i = 0; rows.length <= 1e6; i++) for (const c of ['accuracy', 'helpfulness']) { const truth = 1 + Math.floor(rand() * 5); const picked = new Set(); while (picked.size < 3) picked.add(`ann${String(Math.floor(rand() * 10)).padStart(2, '0')}`); for (const r of picked) if (rows.length <= 1e6) rows.push(`c${i},${r},${c},${rand() < 0.7 ? truth : 1 + Math.floor(rand() * 5)}`); }
writeFileSync(p, rows.join('\n') + '\n');
const text = readFileSync(p, 'utf8');
console.log('MB', text.length / 1e6);
for (const [name, opts] of [['info', { bom: true, info: true, trim: true, skip_empty_lines: true, relax_column_count: true }], ['noinfo', { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true }], ['noinfo-notrim', { bom: true, skip_empty_lines: true, relax_column_count: true }]]) {
  const t = performance.now(); const r = parse(text, opts); console.log(name, (performance.now() - t).toFixed(0), 'ms', r.length, (process.memoryUsage().rss / 1e6).toFixed(0), 'MB');
}
{ const t = performance.now(); let n = 0; const s = parseStream({ bom: true, info: true, trim: true, skip_empty_lines: true, relax_column_count: true });
  s.on('readable', () => { while (s.read() !== null) n++; }); await new Promise((res) => { s.on('end', res); s.write(text); s.end(); }); console.log('stream-info', (performance.now() - t).toFixed(0), n); }
{ const t = performance.now(); let n = 0; for (const line of text.split('\n')) { const f = line.split(','); if (f.length > 2) n++; } console.log('split', (performance.now() - t).toFixed(0), n); }
