// One lint configuration for every workspace: type-only imports, named exports, braces always.
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.data/**', '**/coverage/**', 'web/src/graphql/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      curly: ['error', 'all'],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true } }],
    },
  },
  {
    // No module may import, through any chain, a module that imports it back: a cycle hides which one is
    // the lower layer. Type-only imports count too: a cycle of types is still a cycle of concepts.
    files: ['**/*.{ts,tsx}'],
    plugins: { import: importPlugin },
    settings: {
      ...importPlugin.flatConfigs.typescript.settings,
      'import/resolver': {
        typescript: { project: ['*/tsconfig.json'], noWarnOnMultipleProjects: true },
        node: true,
      },
    },
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // SQL is written one way (api/src/shared/sql.ts): values are bound where the \`sql\` tag writes them.
    // Nothing else may send text built from values: a template with values or a concatenation.
    files: ['api/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['TemplateLiteral[expressions.length>0]', 'BinaryExpression[operator="+"]'].map((argument) => ({
          selector: `CallExpression[callee.property.name=/^(execute|raw|query)$/] > ${argument}`,
          message: 'Write SQL with the sql tag (shared/sql.ts) and run it with runSql or runPrepared.',
        })),
      ],
    },
  },
  {
    // Decorated classes need value imports for their emitted metadata: the rule knows this when told.
    files: ['api/**/*.ts'],
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
  },
  {
    // Tools that require a default export: Vite's config, jest's global setup and teardown.
    files: ['web/vite.config.ts', 'web/codegen.ts', 'api/test/support/global-*.ts'],
    rules: { 'no-restricted-exports': 'off' },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
  },
);
