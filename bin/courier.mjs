#!/usr/bin/env node
// The `courier` command. Courier is written in TypeScript; tsx runs it without a compile step.
import { register } from 'tsx/cjs/api';
import { createRequire } from 'node:module';

register();
const { runCli } = createRequire(import.meta.url)('../infra/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
