import type { BatchEvent } from '../runner/batch-run.js';

/** One line per batch event of `juror run --batch` (stderr): what was sent where, how far it got, how it ended. */
export function describeBatchEvent(e: BatchEvent): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  switch (e.kind) {
    case 'submitted':
      return `Submitted batch ${e.remoteId} to ${e.provider} (${e.role === 'judge' ? 'judge calls' : 'generations'}, ${plural(e.requests, 'request')})`;
    case 'resumed':
      return `Picking up batch ${e.remoteId} on ${e.provider} (${e.role === 'judge' ? 'judge calls' : 'generations'}, ${plural(e.requests, 'request')})`;
    case 'adopted':
      return `Found batch ${e.remoteId} on ${e.provider} (${e.role === 'judge' ? 'judge calls' : 'generations'}, ${plural(e.requests, 'request')}), sent before the process stopped: picking it up, not sending it again`;
    case 'status': {
      const c = e.status.counts;
      return `batch ${e.remoteId} ${e.status.providerStatus}: ${c.succeeded + c.errored}/${c.total} done${c.errored ? `, ${c.errored} errored` : ''}`;
    }
    case 'ended':
      return `Batch ${e.remoteId} ${e.providerStatus}: ${e.succeeded} succeeded, ${e.errored} errored${e.expired ? `, ${e.expired} did not run` : ''}`;
    case 'poll-failed':
      return `batch ${e.remoteId}: could not look (${e.message}); trying again`;
  }
}
