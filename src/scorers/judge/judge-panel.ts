import type { PanelAggregate } from '../../core/judge-panel.js';
import type { Provider } from '../../providers/provider.js';
import type { Scorer } from '../scorer.js';
import { aggregateFor, aggregatePanel, memberVerdict } from './panel-aggregate.js';
import { createJudgeScorer, type JudgeScorerOptions } from './judge-scorer.js';

/** One judge of a panel: its spec as the user wrote it, and its provider (wrapped like any judge). */
export interface PanelMember {
  spec: string;
  provider: Provider;
}

export interface PanelScorerOptions extends Omit<JudgeScorerOptions, 'provider' | 'repeats'> {
  members: readonly PanelMember[];
  /** The rule for ordinal criteria (default mean); nominal ones take the majority. */
  aggregate?: PanelAggregate;
}

/**
 * The rubric judge as a panel: every member asks its own judge once about the output (the same
 * prompt, its own call, cache entry and cost), and each criterion's score is the panel's aggregate
 * (panel-aggregate.ts) with every member's verdict kept on it (`Score.panel`).
 */
export function createPanelScorer(o: PanelScorerOptions): Scorer {
  const judges = o.members.map((m) => createJudgeScorer({ ...o, provider: m.provider }));
  const spec = o.members.map((m) => m.spec).join(',');
  const first = judges[0]!;
  return {
    name: first.name,
    criteria: first.criteria,
    ...(first.bounds ? { bounds: first.bounds } : {}),
    ...(first.check ? { check: first.check } : {}),
    async score(output, c, ctx) {
      const each = await Promise.all(judges.map((j) => j.score(output, c, ctx)));
      return o.rubric.criteria.map((criterion, i) =>
        aggregatePanel(
          criterion,
          first.criteria[i]!,
          aggregateFor(criterion, o.aggregate),
          o.members.map((m, j) => memberVerdict(m.spec, each[j]![i]!)),
          spec,
        ),
      );
    },
  };
}
