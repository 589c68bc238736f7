// Lint rules for the whole repo: typescript-eslint's recommended set plus the
// house rules from ../shared/design/style.md (no `any`, no non-null assertions).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importBoundaries } from './eslint-boundaries.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.mcc/', 'coverage/', 'web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  // The layers of functions/ (issue 20): what each folder may not import.
  ...importBoundaries,
);
