import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench`: runs every bench/*.bench.ts in turn, each in its own process so one suite's
 * warm-up or garbage cannot colour another's figures. Each suite prints its own ratios.
 */
const benchDir = __dirname;
const only = process.argv[2];
const suites = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only === undefined || file.startsWith(only))
  .sort();

if (suites.length === 0) {
  console.error(
    only === undefined
      ? 'No benchmark suites in bench/ yet (bench/*.bench.ts).'
      : `No benchmark suite in bench/ starts with ${JSON.stringify(only)}.`,
  );
  process.exitCode = 1;
} else {
  const tsx = path.join(benchDir, '..', 'node_modules', '.bin', 'tsx');
  for (const suite of suites) {
    console.log(`\n== ${suite} ==`);
    execFileSync(tsx, [path.join(benchDir, suite)], { stdio: 'inherit' });
  }
}
