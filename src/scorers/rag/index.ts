export { faithfulness } from './faithfulness.js';
export { hallucination } from './hallucination.js';
export { answerRelevancy } from './answer-relevancy.js';
export { contextPrecision, averagePrecision } from './context-precision.js';
export { contextRecall } from './context-recall.js';
