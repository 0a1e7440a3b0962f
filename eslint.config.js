import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'test-output/', 'tests/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The Preact UIs and their hooks.
    files: ['components/**/*.tsx', 'entrypoints/{popup,options,picker}/**/*.tsx', 'components/hooks/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Only the platform layer calls extension APIs. WXT would auto-import `browser` for a bare reference, out of sight
    // of the layer checker.
    files: ['{entrypoints,components}/**/*.{ts,tsx}', 'lib/{socialfetch,domain,tiktok,checking}/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'browser', message: 'Only lib/platform calls extension APIs: use or add a function there.' },
        { name: 'chrome', message: 'Only lib/platform calls extension APIs: use or add a function there.' },
      ],
    },
  },
  {
    // Playwright fixtures take `({}, use)`: an empty pattern by design.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    // CommonJS files load each other with require (the dependency checker's configs share one file).
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
