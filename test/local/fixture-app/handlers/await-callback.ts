// Fixture callback task (lambda:invoke.waitForTaskToken): stores the task
// token in the table under the order, as the approval task does, and reads a
// generated secret through the Secrets Manager endpoint.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../../../functions/data/dynamodb-document-client.ts';

const doc = createDocumentClient();
const secrets = new SecretsManagerClient({});

export async function handler(event: { orderId: string; taskToken: string }): Promise<void> {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.SIGNING_SECRET_ID }));
  await doc.send(
    new PutCommand({
      TableName: process.env.TABLE_NAME,
      Item: { PK: `ORDER#${event.orderId}`, SK: 'CALLBACK', taskToken: event.taskToken, secretLength: secret.SecretString?.length ?? 0 },
    }),
  );
}
