import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for the web client, from the committed SDL and the shared documents (which are also the
// API's trusted documents). `npm run codegen -w web` rewrites src/graphql; the build only checks it.
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['../schema/documents/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/graphql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: {
          Date: 'string',
          DateTime: 'string',
          Money: 'string',
          JSONObject: 'Record<string, unknown>',
        },
      },
    },
  },
};

export default config;
