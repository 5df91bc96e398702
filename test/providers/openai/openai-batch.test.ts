import { describeBatchContract } from '../batch-contract.js';

describeBatchContract('openai');
