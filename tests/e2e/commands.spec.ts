import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * README's other commands, run as README gives them (npm test runs the builds, the linters and the layer rules itself;
 * start.spec.ts runs npm start): what breaks unseen is what no test runs. The benchmarks write their report to a file
 * of the test's (BENCHMARKS_FILE), not over BENCHMARKS.md.
 */

function npm(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync('npm', args, { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;

/** Runs the benchmark `script` as README gives it, its report going to a file of the test's: the report's text. */
function benchReport(script: string, args: string[] = [], env: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'live-radar-bench-'));
  try {
    const file = path.join(dir, 'BENCHMARKS.md');
    const run = npm(['run', script, ...(args.length ? ['--', ...args] : [])], { BENCHMARKS_FILE: file, ...env });
    expect(run.status, run.output).toBe(0);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('npm run zip makes the Chrome Web Store zip, the AMO zip and its sources zip, each of this version', () => {
  test.setTimeout(120_000);
  const run = npm(['run', 'zip']);
  expect(run.status, run.output).toBe(0);
  const zips = readdirSync('.output').filter((file) => file.endsWith('.zip'));
  expect(zips).toEqual(expect.arrayContaining([`live-radar-${version}-chrome.zip`, `live-radar-${version}-firefox.zip`, `live-radar-${version}-sources.zip`]));
  for (const zip of zips.filter((file) => file.includes(version) && !file.includes('sources'))) {
    // Python's zipfile is on every machine this runs on; Node has no zip reader of its own.
    const read = "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('manifest.json').decode())";
    const manifest = spawnSync('python3', ['-c', read, path.join('.output', zip)], { encoding: 'utf8' });
    expect(JSON.parse(manifest.stdout).version, zip).toBe(version);
  }
});

test('npm run bench:credits writes its figures, each next to its target', () => {
  test.setTimeout(300_000);
  const report = benchReport('bench:credits');
  expect(report).toContain('## Credits per detected go-live (simulation)');
  expect(report).toMatch(/\| (met|\*\*missed\*\*) \|/);
});

test('npm run bench:credits -- --full draws every population’s curve over three seeds, with their spread', () => {
  test.setTimeout(300_000);
  // The command as README gives it, in a smaller world (40 creators over 21 days): the full one takes minutes.
  const report = benchReport('bench:credits', ['--full'], { CREDITS_SIM_CREATORS: '40', CREDITS_SIM_DAYS: '21' });
  expect(report).toContain('seeds 20261125, 20261207, 20270101');
  expect(report).toContain('### Budget against alert quality: habits that shift');
  expect(report).toMatch(/\| 12 \| [\d.]+ \([\d.]+–[\d.]+\) \//);
  expect(report).toContain('- **creators**: 40');
});

test('npm run bench measures the build in Chromium and writes every figure next to its target', () => {
  test.setTimeout(600_000);
  const report = benchReport('bench');
  for (const heading of ['## Bundle sizes', '## Speed']) expect(report).toContain(heading);
  expect(report).toMatch(/\| (met|\*\*missed\*\*) \|/);
});
