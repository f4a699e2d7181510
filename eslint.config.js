// One lint for the whole tree: typescript-eslint everywhere, the Lit and web-component rules on
// the widgets. Formatting is Prettier's, so no stylistic rules here.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', '**/.ekollega/', '.test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-sequences': 'error',
      'no-cond-assign': ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/widgets/src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['packages/widgets/src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['packages/widgets/src/**/*.ts'],
    plugins: { 'lit-a11y': litA11y },
    rules: litA11y.configs.recommended.rules,
  },
);
