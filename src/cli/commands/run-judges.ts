import { ConfigError } from '../../core/errors.js';
import { judgeSpecs, type PanelAggregate } from '../../core/judge-panel.js';
import type { Provider } from '../../providers/provider.js';
import type { RunConfig } from '../../runner/run-config.js';
import type { ScorerDeps } from '../../scorers/scorer.js';

/** The run's judge or judge panel, wrapped and ready for the scorers. */
export interface RunJudges {
  /** The judge the non-rubric judge scorers ask: the only one, or a panel's first. */
  judge: Provider;
  /** Every judge (one, or each panel member), for prices. */
  all: Provider[];
  deps: ScorerDeps;
  /** The judge or panel as it is recorded on the run: the specs trimmed, comma-joined (`a,b,c`). */
  spec: string;
  /** Stored on the run (absent for a single judge, as before panels). */
  judgePanel?: NonNullable<RunConfig['judgePanel']>;
}

/**
 * `--judge SPEC` or `--judge a,b,c` (a panel): wrap every judge like any provider, and give the
 * rubric scorers the panel. `--judge-repeat K` with a panel is refused: a panel asks each of
 * its judges once.
 */
export async function openJudges(
  spec: string,
  wrap: (spec: string, role: 'judge') => Promise<Provider>,
  opts: { aggregate?: PanelAggregate; judgeRepeat?: number },
): Promise<RunJudges> {
  const specs = judgeSpecs(spec);
  if (specs.length > 1 && (opts.judgeRepeat ?? 1) > 1) {
    throw new ConfigError(`--judge-repeat cannot be combined with a judge panel (${specs.join(', ')}): a panel asks each judge once; use --judge-repeat with a single judge`);
  }
  const all: Provider[] = [];
  for (const s of specs) all.push(await wrap(s, 'judge'));
  const judge = all[0]!;
  const joined = specs.join(',');
  if (specs.length === 1) return { judge, all, spec: joined, deps: { judge, judgeRepeats: opts.judgeRepeat } };
  const members = specs.map((s, i) => ({ spec: s, provider: all[i]! }));
  return {
    judge,
    all,
    spec: joined,
    deps: { judge, panel: { members, ...(opts.aggregate ? { aggregate: opts.aggregate } : {}) } },
    judgePanel: { judges: specs, ...(opts.aggregate ? { aggregate: opts.aggregate } : {}) },
  };
}
