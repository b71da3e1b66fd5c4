#!/usr/bin/env node
// Entry point: the compiled sources (`npm run build`, run by `npm install`, `npm start` and `npm test`).
await import('../dist/src/main.js');
