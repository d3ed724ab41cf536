// SPDX-License-Identifier: GPL-3.0-or-later
// ctest entry point: runs one e2e test file with node's test runner. Without node_modules it
// skips (exit 77) locally and fails under CI or tests/run.sh.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = process.argv[2];
// The same rule as TestEnv::servicesRequired(): under CI or tests/run.sh a missing package fails.
const ci =
  !['', '0', 'false'].includes((process.env.CI ?? '').trim().toLowerCase()) ||
  process.env.AICARPOOL_TEST_SERVICES === '1';
const needed = ['openai', '@anthropic-ai/sdk', '@anthropic-ai/claude-code', '@google/genai'];
const missing = needed.filter((p) => !fs.existsSync(path.join(here, 'node_modules', p, 'package.json')));
if (missing.length) {
  console.log(`node_modules missing (${missing.join(', ')}): run "npm ci" in ${here}`);
  process.exit(ci ? 1 : 77);
}
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', path.join(here, file)], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
