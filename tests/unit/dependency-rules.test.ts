import path from 'node:path';
import { createRequire } from 'node:module';
import { cruise, type IReporterOutput } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
interface Config {
  forbidden: { name: string }[];
  options: object;
}
const CONFIGS: [string, Config][] = ['.dependency-cruiser.cjs', '.dependency-cruiser-bundles.cjs'].map((file) => [file, require(`../../${file}`) as Config]);

async function violations(config: Config, baseDir: string): Promise<string[]> {
  const result: IReporterOutput = await cruise(['lib', 'entrypoints', 'components'], {
    ...config.options,
    ruleSet: { forbidden: config.forbidden } as never,
    baseDir,
    validate: true,
    tsConfig: { fileName: path.resolve('tsconfig.deps.json') },
  } as never);
  const output = result.output as { summary: { violations: { rule: { name: string } }[] } };
  return [...new Set(output.summary.violations.map((v) => v.rule.name))].sort();
}

describe('the layer and bundle rules', () => {
  it.each(CONFIGS)('%s rejects a fixture that breaks each of its rules', async (_file, config) => {
    expect(await violations(config, path.resolve('tests/fixtures/dependency-rules'))).toEqual(config.forbidden.map((r) => r.name).sort());
  }, 30_000);
});
