await import('zod'); await import('better-sqlite3');
const t = performance.now(); await import('../dist/storage/sqlite-store.js'); console.log('store', performance.now() - t);
