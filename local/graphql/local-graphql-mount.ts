// Builds the local GraphQL endpoint for an app's AppSync API, if it has one:
// the schema exactly as synthesized (written to the data directory), and every
// field resolved by invoking the API's resolver Lambda bundle in the local
// Lambda runner, its errors surfacing as AppSync errors (name = errorType).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LambdaRunner } from '../lambda/lambda-runner.ts';
import type { LocalAppModel } from '../template/app-model.ts';
import { devTokenVerifier } from './dev-tokens.ts';
import { createLocalGraphql, type LocalGraphql } from './local-graphql.ts';
import { APPSYNC_DEFAULT_LIMITS } from './query-limits.ts';

export function localGraphqlFor(model: LocalAppModel, lambda: LambdaRunner, devTokenKey: Uint8Array, dataDir: string): LocalGraphql | undefined {
  const api = model.graphqlApis.find((a) => a.resolverFunctionId && a.schema);
  const resolver = api && model.functions.find((f) => f.logicalId === api.resolverFunctionId);
  if (!api || !resolver) return undefined;
  const schemaPath = join(dataDir, 'graphql-schema.graphql');
  writeFileSync(schemaPath, api.schema);
  return createLocalGraphql({
    schemaPath,
    resolverFunctionId: resolver.arn,
    verifyToken: devTokenVerifier(devTokenKey),
    // The limits the template gives AppSync (issue 21), with the local body cap.
    limits: { ...APPSYNC_DEFAULT_LIMITS, ...api.limits },
    invoke: async (functionId, event) => {
      const result = await lambda.invoke(functionId, event);
      if (result.ok) return result.payload;
      const error = new Error(result.error.errorMessage);
      error.name = result.error.errorType;
      throw error;
    },
  });
}
