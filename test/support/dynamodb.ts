// Test helper: a fresh, uniquely named table on the run's DynamoDB Local,
// built from the same design the stack deploys.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '../../functions/data/dynamodb-document-client.ts';
import { ensureTable } from '../../functions/data/ensure-table.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';

const clientConfig = () => ({ endpoint: inject('dynamoEndpoint'), ...LOCAL_AWS });

export interface TestTable {
  readonly tableName: string;
  readonly doc: DynamoDBDocumentClient;
  readonly client: DynamoDBClient;
}

export async function createTestTable(): Promise<TestTable> {
  const tableName = `mcc-test-${randomUUID()}`;
  const client = new DynamoDBClient(clientConfig());
  await ensureTable(client, tableName);
  return { tableName, client, doc: createDocumentClient(clientConfig()) };
}
