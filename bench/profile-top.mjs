// Top frames of a V8 CPU profile (`node --cpu-prof`), by self time and by total time per module.
//   node bench/profile-top.mjs FILE.cpuprofile [K]
// Self time: samples whose top frame is the function. Per module: self time summed over each file
// (node:internal files grouped by their first path part), which says whose code the CPU goes to.
import { readFileSync } from 'node:fs';

const [file, kArg] = process.argv.slice(2);
const k = Number(kArg ?? 25);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const dt = new Map();
// timeDeltas[i] is the time before sample i; attribute it to that sample's node
prof.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const totalUs = [...dt.values()].reduce((a, b) => a + b, 0);

const shortUrl = (url) => url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'nm:').replace(/^.*\/(dist|src)\//, '$1/');
const self = new Map();
const modules = new Map();
for (const [id, us] of dt) {
  const f = byId.get(id).callFrame;
  const key = `${f.functionName || '(anonymous)'}  ${f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : ''}`;
  self.set(key, (self.get(key) ?? 0) + us);
  const mod = f.url ? moduleOf(shortUrl(f.url)) : `(${f.functionName || 'native'})`;
  modules.set(mod, (modules.get(mod) ?? 0) + us);
}
function moduleOf(u) {
  if (u.startsWith('nm:')) return u.split('/').slice(0, u.startsWith('nm:@') ? 2 : 1).join('/');
  if (u.startsWith('node:internal/deps/')) return u.split('/').slice(0, 3).join('/');
  if (u.startsWith('node:')) return u.split('/').slice(0, 2).join('/');
  return u.split('/').slice(0, 2).join('/');
}
const pct = (us) => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;
const ms = (us) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
process.stdout.write(`total ${ms(totalUs).trim()} sampled\n\ntop ${k} functions by self time\n`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, k)) process.stdout.write(`${pct(us)} ${ms(us)}  ${key}\n`);
process.stdout.write(`\nself time by module\n`);
for (const [mod, us] of [...modules].sort((a, b) => b[1] - a[1]).slice(0, k)) process.stdout.write(`${pct(us)} ${ms(us)}  ${mod}\n`);
