import { systemClock, sleep, type Clock } from '../core/clock.js';
import { ConfigError, ProviderError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { BatchOutcome, BatchStatus } from '../providers/batch.js';
import type { Provider } from '../providers/provider.js';
import type { BatchRecord, BatchResultUpdate, BatchRole } from '../storage/batch-records.js';
import type { Store } from '../storage/store.js';
import { BatchAnswers, type BatchNeed, type BatchTarget } from './batch-answers.js';
import { systemRequest } from './execute-case.js';
import { pairKey } from './resume.js';
import type { Job } from './run-start.js';
import type { RunPlan } from './types.js';

/**
 * `juror run --batch`: before the ordinary pass over the cases, every call goes to the providers'
 * batch APIs in rounds. A round walks the cases still to do with providers that answer only from
 * batch outcomes (batch-answers.ts), notes what is missing, submits it as one batch per provider,
 * and polls until those batches end: the generations first, then the judge calls they lead to
 * (a second batch), and so on while scorers ask for more. Then runSuite's pool runs the cases as
 * usual, every call answered from the outcomes, so scores, summary and storage are those of a
 * streaming run. Batches and their request → case mapping are in the Store before they are sent
 * (under a local id the provider keeps with the batch where it can), so `--resume` polls them again
 * instead of submitting twice, and finds at the provider a batch whose id the process died before
 * storing; requests whose batch expired are left out of this pass (not run) and go into a new
 * batch on `--resume`.
 */

export type BatchEvent =
  /** adopted: found at the provider after a restart that cut off its submission (not sent again). */
  | { kind: 'submitted' | 'resumed' | 'adopted'; provider: string; role: BatchRole; remoteId: string; requests: number }
  | { kind: 'status'; provider: string; role: BatchRole; remoteId: string; status: BatchStatus }
  | { kind: 'ended'; provider: string; role: BatchRole; remoteId: string; providerStatus: string; succeeded: number; errored: number; expired: number }
  | { kind: 'poll-failed'; provider: string; remoteId: string; message: string };

export interface BatchRunOptions {
  store: Store;
  /** Wait between two looks at the open batches. */
  pollIntervalMs: number;
  /** Share off list prices that batch calls cost (pricing.ts), stated in the summary. */
  discount: number;
  onEvent?(event: BatchEvent): void;
  clock?: Clock;
  /** Answer from (and fill) the response cache; `onHit` counts hits of the final pass. */
  cache?: { onHit(): void };
}

/** One matrix column's system under test as the --batch path calls it (absent when outputs are reused). */
export interface BatchCell {
  provider?: Provider;
  render: RunPlan['render'];
}

/** What runSuite asks of the --batch path (its hook before the pool). */
export interface BatchHook {
  prepare(ctx: {
    runId: string;
    plan: RunPlan;
    /** The (case, column, repeat) jobs still to do; a job with `stored` is judged from that output (`juror judge`). */
    pending: readonly Job[];
    /** The provider and prompt of a column. */
    cell(col: number): BatchCell;
    signal: AbortSignal;
  }): Promise<{
    /** Pairs (pairKey) not to run now: a request of theirs expired in its batch. */
    notRun: ReadonlySet<string>;
    /** The signal fired while waiting: the batches are stored and keep running at the provider. */
    interrupted: boolean;
  }>;
  summary(): { batches: number; discount: number };
}

/** Requests per batch: both providers take more (OpenAI 50,000, Anthropic 100,000), with a size cap too. */
const MAX_PER_BATCH = 10_000;

export class BatchRun implements BatchHook {
  private readonly answers: BatchAnswers;
  private readonly store: Store;
  private readonly clock: Clock;
  /** Request key → local batch id, for requests in a batch still running. */
  private readonly pendingKeys = new Map<string, string>();
  /** Keys whose batch ended without running them, in this process (resubmitted on --resume only). */
  private readonly expiredNow = new Set<string>();
  private batches = 0;
  private notRunCount = 0;
  private runId = '';

  constructor(private readonly opts: BatchRunOptions) {
    this.store = opts.store;
    this.clock = opts.clock ?? systemClock;
    this.answers = new BatchAnswers(opts.cache ? { store: opts.store, clock: this.clock, onHit: opts.cache.onHit } : undefined);
  }

  /** The raw provider made to answer from its batches; wrap it in cache/retry/fatal-stop as usual. */
  wrap(raw: Provider, role: BatchRole): Provider {
    return this.answers.wrap(raw, role);
  }

  /** Ask every provider whether it has a batch API, before the run is created (one-line ConfigError if not). */
  async check(): Promise<void> {
    for (const t of this.answers.targets.values()) await t.api.check();
  }

  summary(): { batches: number; discount: number } {
    return { batches: this.batches, discount: this.opts.discount };
  }

  /** Why some cases were not run (their batch expired), for the user; null when none. */
  expiredNote(resume = 'juror run --resume'): string | null {
    if (this.notRunCount === 0) return null;
    return `${this.notRunCount} case${this.notRunCount === 1 ? '' : 's'} not run: their batch ended before every request ran (expired after the 24 h window, or cancelled); ${resume} ${this.runId} submits only those requests again`;
  }

  async prepare(ctx: Parameters<BatchHook['prepare']>[0]): Promise<{ notRun: ReadonlySet<string>; interrupted: boolean }> {
    this.runId = ctx.runId;
    await this.load();
    const notRun = new Set<string>();
    for (;;) {
      if (ctx.signal.aborted) return { notRun, interrupted: true };
      await this.collect(ctx, notRun);
      const fresh: BatchNeed[] = [];
      let waiting = false;
      for (const need of this.answers.needed.values()) {
        if (this.expiredNow.has(need.key)) for (const p of need.pairs) notRun.add(p);
        else if (this.pendingKeys.has(need.key)) waiting = true;
        else fresh.push(need);
      }
      if (fresh.length === 0 && !waiting) break;
      await this.submit(fresh);
      if (!(await this.waitForBatches(ctx.signal))) return { notRun, interrupted: true };
    }
    this.notRunCount = notRun.size;
    return { notRun, interrupted: false };
  }

  /** What the Store says of this run's batches: outcomes, batches still running, cut-off submissions. */
  private async load(): Promise<void> {
    const adopted = new Set<string>();
    for (const b of this.store.listBatches(this.runId)) {
      if (b.status !== 'submitting') this.batches++;
      else if (await this.settleSubmission(b)) adopted.add(b.id);
    }
    for (const r of this.store.getBatchRequests(this.runId)) {
      this.answers.learn(r);
      if (r.status === 'pending') this.pendingKeys.set(r.requestKey, r.batchId);
    }
    for (const b of this.store.listBatches(this.runId)) {
      if (b.status === 'in_progress' && !adopted.has(b.id)) this.emit({ kind: 'resumed', provider: b.provider, role: b.role, remoteId: b.remoteId!, requests: b.requests });
    }
  }

  /**
   * A submission cut off before the provider's id was stored: the provider may have accepted it
   * (the process died between its answer and the write). Look it up by its key and adopt it; only
   * when the provider has none is the record dropped, so its requests go into a new batch.
   */
  private async settleSubmission(b: BatchRecord): Promise<boolean> {
    const target = this.answers.targets.get(b.provider);
    if (!target) throw new ConfigError(`batch ${b.id} of run ${this.runId} was being sent to ${b.provider}, which this run does not use now`);
    const customIds = this.store.getBatchRequests(this.runId).filter((r) => r.batchId === b.id).map((r) => r.customId);
    const known = this.store.listBatches(this.runId).flatMap((x) => (x.remoteId ? [x.remoteId] : []));
    const remoteId = await target.api.find(b.id, { createdAt: b.createdAt, customIds, known });
    if (remoteId === null) {
      this.store.deleteBatch(b.id);
      return false;
    }
    this.store.setBatchSubmitted(b.id, remoteId);
    this.batches++;
    this.emit({ kind: 'adopted', provider: b.provider, role: b.role, remoteId, requests: customIds.length });
    return true;
  }

  /** One walk over the pairs still to do, noting every call that has no answer yet. */
  private async collect(ctx: Parameters<BatchHook['prepare']>[0], skip: ReadonlySet<string>): Promise<void> {
    this.answers.needed.clear();
    const { plan, signal } = ctx;
    try {
      for (const { case: c, repeat: r, col, stored } of ctx.pending) {
        if (signal.aborted) return;
        const pair = pairKey(c.id, r, col);
        if (skip.has(pair)) continue;
        this.answers.current = { pair, caseId: c.id, repeat: r };
        let text: string;
        if (stored) {
          if (stored.output === null) continue;
          text = stored.output; // juror judge: the output is there, only the scorers' calls are batched
        } else {
          const { provider, render } = ctx.cell(col);
          if (!provider) continue;
          try {
            text = (await provider.complete(systemRequest({ ...plan, render }, c, r), { signal })).text;
          } catch {
            continue; // not in yet, or failed: the final pass records what it is
          }
        }
        const scoreCtx = { signal, repeat: r, onCall: () => {} };
        for (const scorer of plan.scorers) {
          try {
            await scorer.score(text, c, scoreCtx);
          } catch {
            // a judge call still to come, or a scorer failure the final pass records
          }
        }
      }
    } finally {
      this.answers.current = undefined;
    }
  }

  /** One batch per provider (chunked), stored with its request → case mapping before it is sent. */
  private async submit(needs: BatchNeed[]): Promise<void> {
    // Generations and judge calls in batches of their own, even on one provider: the judge batch is the second one.
    const groups = new Map<string, BatchNeed[]>();
    for (const n of needs) {
      const group = `${n.role}\n${n.provider}`;
      const list = groups.get(group) ?? [];
      list.push(n);
      groups.set(group, list);
    }
    for (const list of groups.values()) {
      const { provider: providerId, role } = list[0]!;
      const target = this.answers.targets.get(providerId)!;
      for (let i = 0; i < list.length; i += MAX_PER_BATCH) {
        const chunk = list.slice(i, i + MAX_PER_BATCH);
        const id = newId('b', this.clock.now());
        this.store.createBatch(
          { id, runId: this.runId, provider: providerId, role, createdAt: this.clock.now().toISOString() },
          chunk.map((n) => ({ customId: n.key, requestKey: n.key, caseId: n.caseId, repeat: n.repeat })),
        );
        let remoteId: string;
        try {
          // The local id names the submission at the provider, so a restart can find it (settleSubmission).
          remoteId = await target.api.submit(chunk.map((n) => ({ customId: n.key, request: n.request })), id);
        } catch (err) {
          this.store.deleteBatch(id);
          throw err;
        }
        this.store.setBatchSubmitted(id, remoteId);
        this.batches++;
        for (const n of chunk) this.pendingKeys.set(n.key, id);
        this.emit({ kind: 'submitted', provider: providerId, role, remoteId, requests: chunk.length });
      }
    }
  }

  /** Poll every running batch of the run until none is left; false when the signal fired first. */
  private async waitForBatches(signal: AbortSignal): Promise<boolean> {
    for (;;) {
      const open = this.store.listBatches(this.runId).filter((b) => b.status === 'in_progress');
      if (open.length === 0) return true;
      let stillOpen = false;
      for (const b of open) {
        if (signal.aborted) return false;
        const target = this.answers.targets.get(b.provider);
        if (!target) throw new ConfigError(`batch ${b.remoteId} of run ${this.runId} was sent to ${b.provider}, which this run does not use now`);
        let status: BatchStatus;
        try {
          status = await target.api.status(b.remoteId!);
        } catch (err) {
          // A blip while looking does not lose a batch that may run for hours: look again next time.
          if (!(err instanceof ProviderError && err.retryable)) throw err;
          this.emit({ kind: 'poll-failed', provider: b.provider, remoteId: b.remoteId!, message: err.message });
          stillOpen = true;
          continue;
        }
        this.emit({ kind: 'status', provider: b.provider, role: b.role, remoteId: b.remoteId!, status });
        if (status.state === 'ended') await this.ingest(b, target, status);
        else {
          if (status.providerStatus !== b.providerStatus) this.store.setBatchProviderStatus(b.id, status.providerStatus);
          stillOpen = true;
        }
      }
      if (!stillOpen) return true;
      try {
        await sleep(this.opts.pollIntervalMs, signal);
      } catch {
        return false;
      }
    }
  }

  /** An ended batch's outcomes into the Store (one transaction) and into the answers. */
  private async ingest(b: BatchRecord, target: BatchTarget, status: BatchStatus): Promise<void> {
    const requests = this.store.getBatchRequests(this.runId).filter((r) => r.batchId === b.id);
    const outcomes = new Map<string, BatchOutcome>();
    if (!status.failure) for (const o of await target.api.results(b.remoteId!)) outcomes.set(o.customId, o);
    const updates: BatchResultUpdate[] = requests.map((r) => {
      if (status.failure) return { customId: r.customId, status: 'errored', error: status.failure };
      const o = outcomes.get(r.customId);
      if (!o) return { customId: r.customId, status: 'expired', error: `${b.provider}: batch ${b.remoteId} ended without a result for this request` };
      if (o.kind === 'succeeded') return { customId: r.customId, status: 'succeeded', body: o.body };
      return { customId: r.customId, status: o.kind === 'errored' ? 'errored' : 'expired', error: o.message };
    });
    this.store.saveBatchResults(b.id, updates, status.providerStatus, this.clock.now().toISOString());
    const count = { succeeded: 0, errored: 0, expired: 0 };
    updates.forEach((u, i) => {
      const key = requests[i]!.requestKey;
      count[u.status]++;
      this.pendingKeys.delete(key);
      if (u.status === 'expired') this.expiredNow.add(key);
      else this.answers.learn({ requestKey: key, status: u.status, body: u.body ?? null, error: u.error ?? null });
    });
    this.emit({ kind: 'ended', provider: b.provider, role: b.role, remoteId: b.remoteId!, providerStatus: status.providerStatus, ...count });
  }

  private emit(event: BatchEvent): void {
    this.opts.onEvent?.(event);
  }
}
