// The floor juror is measured against over real HTTP: a bare `fetch` loop making the same calls
// a suite run makes (the answer, then the judge with that answer in its prompt), with the same
// request bodies, at the same concurrency, and nothing else (no SDK, no scoring, no storage).
//   node bench/bare-fetch.mjs SUITE BASE_URL CONCURRENCY   → one JSON line: { n, calls, cpuMs, wallMs }
// Bodies are built before the clock starts; the loop's CPU is process.cpuUsage() around it.
import { loadSuite } from '../dist/loader/load-suite.js';
import { renderPrompt } from '../dist/templates/render-prompt.js';
import { buildJudgeRequest, defaultJudgeInput } from '../dist/scorers/judge/build-judge-prompt.js';
import { contextTexts } from '../dist/core/case.js';

const [suitePath, baseURL, concurrencyArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const suite = loadSuite(suitePath);
const rubric = suite.scorers.find((s) => s.name === 'rubric')?.options.rubric;
const model = (spec) => spec.replace(/^openai:/, '');
const HOLE = '\u0000ANSWER\u0000';
const hole = JSON.stringify(HOLE).slice(1, -1);

const jobs = suite.cases.map((c) => {
  const gen = JSON.stringify({ model: model(suite.provider), messages: renderPrompt(suite.prompt, c) });
  if (!rubric) return { gen };
  const j = buildJudgeRequest({ rubric, input: defaultJudgeInput(c), output: HOLE, context: c.context && contextTexts(c.context), reference: c.expected });
  const s = j.structured;
  const body = JSON.stringify({
    model: model(suite.judge.provider), messages: j.messages, temperature: j.temperature, max_tokens: j.maxTokens,
    response_format: { type: 'json_schema', json_schema: { name: s.name, description: s.description, schema: s.schema, strict: true } },
  });
  const at = body.indexOf(hole);
  return { gen, judge: [body.slice(0, at), body.slice(at + hole.length)] };
});

const url = `${baseURL.replace(/\/$/, '')}/chat/completions`;
const headers = { 'content-type': 'application/json', authorization: 'Bearer bench' };
async function call(body) {
  const res = await fetch(url, { method: 'POST', headers, body });
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  return (await res.json()).choices[0].message.content;
}

let next = 0;
let calls = 0;
async function worker() {
  while (next < jobs.length) {
    const job = jobs[next++];
    const answer = await call(job.gen);
    calls++;
    if (job.judge) {
      await call(job.judge[0] + JSON.stringify(answer).slice(1, -1) + job.judge[1]);
      calls++;
    }
  }
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ n: jobs.length, calls, cpuMs: (cpu.user + cpu.system) / 1000, wallMs }) + '\n');
