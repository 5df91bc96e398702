const steps = ['commander','zod','yaml','handlebars','better-sqlite3','tinyglobby','csv-parse','node:http','node:https','node:zlib','node:crypto','../dist/cli/main.js','../dist/core/case.js','../dist/storage/sqlite-store.js','../dist/templates/render.js','../dist/loader/load-suite.js','../dist/scorers/registry.js','../dist/runner/run-suite.js','../dist/cli/commands/run-action.js','openai','../dist/providers/openai/openai-provider.js','../dist/providers/mock/mock-provider.js'];
const out = [];
for (const s of steps) { const t = performance.now(); await import(s); out.push([s, performance.now() - t]); }
const h = performance.now(); new Headers(); out.push(['undici Headers', performance.now() - h]);
console.log(JSON.stringify(out));
