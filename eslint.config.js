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
    files: ['components/**/*.tsx', 'entrypoints/{popup,options}/**/*.tsx', 'components/hooks/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The pure layers: WXT would auto-import `browser` for a bare reference, out of sight of the layer checker.
    files: ['lib/{socialfetch,domain,tiktok}/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'browser', message: 'Pure layers use no extension APIs: inject what you need.' }, { name: 'chrome', message: 'Pure layers use no extension APIs.' }],
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
  },
);
