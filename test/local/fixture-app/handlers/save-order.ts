// Fixture Task: stores the order in the table named by TABLE_NAME (proves the
// runtime's table name and DynamoDB endpoint reach the worker) and lists the
// items the Map will process.
import { createDocumentClient } from '../../../../functions/data/dynamodb-document-client.ts';
import { PutCommand } from '@aws-sdk/lib-dynamodb';

const doc = createDocumentClient();
const tableName = process.env.TABLE_NAME ?? '';

interface Order {
  readonly eventId: string;
  readonly detail: { readonly orderId: string; readonly items: readonly string[] };
}

export async function handler(event: Order): Promise<{ orderId: string; items: readonly string[]; coldStarts: number }> {
  await doc.send(new PutCommand({ TableName: tableName, Item: { PK: `ORDER#${event.detail.orderId}`, SK: 'ORDER', eventId: event.eventId } }));
  return { orderId: event.detail.orderId, items: event.detail.items, coldStarts: 1 };
}
