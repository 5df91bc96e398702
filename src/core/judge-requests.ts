/**
 * Names of the structured judge requests the RAG metrics make. They are the contract between the
 * scorers (which ask), the built-in mock (which answers each kind from the prompt's blocks) and a
 * case's `mock` script (keyed by these names). Sent to real providers as the json_schema / tool name.
 */
export const RAG_REQUESTS = {
  /** Split the answer into claims. */
  answerClaims: 'answer_claims',
  /** Judge each claim of the answer against the retrieved chunks. */
  claimVerdicts: 'claim_verdicts',
  /** Split the golden answer into statements. */
  referenceClaims: 'reference_claims',
  /** Judge each statement of the golden answer against the retrieved chunks. */
  referenceVerdicts: 'reference_verdicts',
  /** Judge each claim of the answer as relevant to the question or not. */
  relevancyVerdicts: 'relevancy_verdicts',
  /** Judge each retrieved chunk as useful for the golden answer or not. */
  chunkVerdicts: 'chunk_verdicts',
} as const;

export type RagRequestName = (typeof RAG_REQUESTS)[keyof typeof RAG_REQUESTS];

/** The pairwise judge's request (which of two outputs is better); also its key in a case's `mock` script. */
export const PAIRWISE_REQUEST = 'pairwise_verdict';
