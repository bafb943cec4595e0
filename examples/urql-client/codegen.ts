import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * TypeScript types for the operations in src/, generated from the API's schema (the repository's schema.graphqls,
 * its single source of truth): `npm run codegen` writes src/gql/, which is generated on every build and not committed.
 */
const config: CodegenConfig = {
  schema: '../../schema.graphqls',
  documents: ['src/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: false,
  // ES modules under Node: the generated files import each other with .js extensions.
  emitLegacyCommonJSImports: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { DateTime: 'string', Date: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
      },
    },
  },
};

export default config;
