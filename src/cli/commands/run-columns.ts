import { resolve } from 'node:path';
import { ConfigError } from '../../core/errors.js';
import { loadPrompt } from '../../loader/load-prompt.js';
import type { Suite } from '../../loader/suite.js';
import type { RunConfig } from '../../runner/run-config.js';
import type { PromptSpec } from '../../templates/render-prompt.js';

/** One column of the run to be: a provider spec and a prompt (label, templates, file for --prompt). */
export interface PlannedColumn {
  provider: string;
  prompt: string;
  /** Absolute path of a `--prompt FILE` (recorded so `--resume` reads the same file). */
  promptPath?: string;
  spec: PromptSpec;
}

/**
 * The run's columns: every prompt × every provider, prompt by prompt. Prompts: `--prompt FILE`
 * (repeatable), else the suite's `prompts:`, else its `prompt:`. Providers: `--provider a,b`, else the
 * suite's `providers:`, else its `provider:` (default mock). One prompt and one provider is an
 * ordinary one-column run. A resumed run rebuilds the columns it recorded.
 */
export function planColumns(
  suite: Suite,
  opts: { cwd: string; providerFlag?: string; promptFlags?: readonly string[]; stored?: RunConfig },
): PlannedColumn[] {
  const stored = opts.stored;
  if (stored?.columns) return stored.columns.map((c) => ({ ...c, spec: storedPrompt(suite, c) }));
  let prompts: Array<{ label: string; spec: PromptSpec; path?: string }>;
  if (stored?.promptPath) prompts = [promptFile(stored.promptPath)];
  else if (stored) prompts = [{ label: suite.prompt.user.name, spec: suite.prompt }];
  else if (opts.promptFlags?.length) prompts = opts.promptFlags.map((p) => promptFile(resolve(opts.cwd, p), p));
  else prompts = suite.prompts?.map((p) => ({ label: p.label, spec: p.prompt })) ?? [{ label: suite.prompt.user.name, spec: suite.prompt }];
  const providers = opts.providerFlag !== undefined ? splitProviders(opts.providerFlag) : (suite.providers ?? [suite.provider ?? 'mock']);
  const columns: PlannedColumn[] = [];
  for (const p of prompts) for (const provider of providers) columns.push({ provider, prompt: p.label, ...(p.path ? { promptPath: p.path } : {}), spec: p.spec });
  const seen = new Set<string>();
  for (const c of columns) {
    const key = `${c.provider}\u0000${c.prompt}`;
    if (seen.has(key)) throw new ConfigError(`the matrix lists ${c.provider} with ${c.prompt} twice`);
    seen.add(key);
  }
  return columns;
}

/** `--provider a,b` → ["a", "b"]; an empty item is a mistake. */
export function splitProviders(flag: string): string[] {
  const list = flag.split(',').map((s) => s.trim());
  if (list.some((s) => s === '')) throw new ConfigError(`--provider "${flag}": a comma-separated list of provider specs, none empty`);
  return list;
}

/** A `--prompt FILE`: labelled as the user wrote it (a resumed run keeps the label it recorded). */
function promptFile(path: string, label?: string): { label: string; spec: PromptSpec; path: string } {
  const user = loadPrompt(path);
  return { label: label ?? user.name, spec: { user }, path };
}

/** A recorded column's prompt: its --prompt file, else the suite's prompt of that label. */
function storedPrompt(suite: Suite, c: { prompt: string; promptPath?: string }): PromptSpec {
  if (c.promptPath) return promptFile(c.promptPath, c.prompt).spec;
  const found = suite.prompts?.find((p) => p.label === c.prompt)?.prompt ?? (suite.prompt.user.name === c.prompt ? suite.prompt : undefined);
  if (!found) throw new ConfigError(`the run's prompt "${c.prompt}" is no longer in ${suite.name}; it cannot be resumed`);
  return found;
}
