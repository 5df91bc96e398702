import { describeBatchContract } from '../batch-contract.js';

describeBatchContract('anthropic');
