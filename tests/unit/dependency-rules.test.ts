import path from 'node:path';
import { createRequire } from 'node:module';
import { cruise, type IReporterOutput } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('../../.dependency-cruiser.cjs') as { forbidden: { name: string }[]; options: object };

async function violations(baseDir: string): Promise<string[]> {
  const result: IReporterOutput = await cruise(['lib', 'entrypoints'], {
    ...config.options,
    ruleSet: { forbidden: config.forbidden } as never,
    baseDir,
    validate: true,
    tsConfig: { fileName: path.resolve('tsconfig.deps.json') },
  } as never);
  const output = result.output as { summary: { violations: { rule: { name: string } }[] } };
  return [...new Set(output.summary.violations.map((v) => v.rule.name))].sort();
}

describe('the layer rules', () => {
  it('reject a fixture that breaks each of them', async () => {
    expect(await violations(path.resolve('tests/fixtures/dependency-rules'))).toEqual(config.forbidden.map((r) => r.name).sort());
  }, 30_000);
});
