// Starts a worker thread from the TypeScript sources: a worker thread does not inherit the tsx loader the main
// thread registered (bin/shanzhi.js, vitest), so it registers tsx itself, then imports the worker (argv[2]).
import { argv } from 'node:process';
import { register } from 'tsx/esm/api';

register();
await import(argv[2]);
