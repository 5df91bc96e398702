import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The charting library inlined into every HTML report: Chart.js (MIT), its UMD build, read from
 * the installed package so the report opens with no network at all. Resolved through Node's own
 * resolution from this file, so it works from src/ (tests), dist/ and an installed juror alike.
 * Why Chart.js (210 kB minified, ~70 kB gzipped): bars, floating bars (interval whiskers) and a
 * horizontal index axis (the forest plot) are built in, so no chart is drawn by hand; uPlot is a
 * quarter of the size but draws time series, and error bars or a horizontal forest plot would
 * mean hand-written canvas code. See docs/reports.md.
 */
let cached: string | undefined;

export function chartJsSource(): string {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  // The package's "exports" hide dist/chart.umd.min.js; its CommonJS entry sits beside it.
  const file = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  cached = readFileSync(file, 'utf8')
    // The map is not shipped in the report; a dangling reference only makes devtools ask for it.
    .replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n')
    // Inside JS strings, regexes and comments `<\/script` means the same, and cannot end the element.
    .replace(/<\/script/gi, '<\\/script');
  return cached;
}
