#!/usr/bin/env node
// The `courier` command. Courier is written in TypeScript; tsx runs it without a compile step
// (both loaders: modules are CommonJS, commands are loaded on demand with import()).
import { createRequire } from 'node:module';
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

// Courier pins its AWS SDK; the SDK's notice about future Node versions is noise on every start.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
registerCommonJs();
registerEsm();
const { runCli } = createRequire(import.meta.url)('../infra/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
