// Fixture HTTP API handler (payload format 2.0): `GET /hello/{name}` echoes
// what API Gateway would have sent; `POST /callbacks/{orderId}` completes the
// waiting task with the token stored by await-callback, through the Step
// Functions endpoint (as the approval callback does).
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createDocumentClient } from '../../../../functions/data/dynamodb-document-client.ts';

const doc = createDocumentClient();
const sfn = new SFNClient({});

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  if (event.requestContext.http.method === 'GET') {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'x-fixture': 'yes' },
      body: JSON.stringify({
        version: event.version,
        routeKey: event.routeKey,
        rawPath: event.rawPath,
        rawQueryString: event.rawQueryString,
        pathParameters: event.pathParameters,
        queryStringParameters: event.queryStringParameters,
        userAgent: event.requestContext.http.userAgent,
        method: event.requestContext.http.method,
        headerNames: Object.keys(event.headers),
      }),
    };
  }
  const orderId = event.pathParameters?.orderId ?? '';
  const stored = await doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { PK: `ORDER#${orderId}`, SK: 'CALLBACK' } }));
  const token = stored.Item?.taskToken;
  if (typeof token !== 'string') return { statusCode: 404, body: 'no waiting callback' };
  const body = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '{}';
  await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: body }));
  return { statusCode: 202, body: JSON.stringify({ accepted: orderId }) };
}
