import { z } from 'zod';
import type { Pricing } from '../providers/provider.js';
import { readYamlFile } from './yaml-file.js';
import { zodToConfigError } from './zod-error.js';

/**
 * `--prices FILE`: USD per million tokens per model, YAML or JSON, extending or overriding the
 * built-in table (src/providers/pricing.ts):
 *
 *   llama3.1: { input: 0.2, output: 0.2 }
 *   gpt-4o:   { input: 2.5, output: 10 }
 */
const Price = z.strictObject({ input: z.number().nonnegative(), output: z.number().nonnegative() });
const PriceFile = z.record(z.string().min(1), Price);

export function loadPrices(path: string): Record<string, Pricing> {
  const file = readYamlFile(path, 'prices file');
  const parsed = PriceFile.safeParse(file.data ?? {});
  if (!parsed.success) throw zodToConfigError(parsed.error, PriceFile, (p) => ({ where: file.where(p), line: file.lineOf(p) }));
  return Object.fromEntries(Object.entries(parsed.data).map(([model, p]) => [model, { inputPerMTok: p.input, outputPerMTok: p.output }]));
}
