// The start banner: what runs where, and commands to paste.
import type { LocalRuntime } from './runtime.ts';

export function banner(runtime: LocalRuntime, dataDir: string): string {
  const { urls, model } = runtime;
  const machines = model.stateMachines.map((m) => `    ${m.name}  ${m.arn}`).join('\n') || '    (none)';
  const routes = model.routes.map((r) => `    ${r.routeKey}`).join('\n') || '    (none)';
  const firstMachine = model.stateMachines[0]?.arn ?? '<state-machine-arn>';
  return `
Marketing Command Center — local runtime (no AWS account needed)

  Web console                        ${urls.console ?? '(not served)'}   sign in as any tenant, user and groups
  Gateway (AWS endpoint + HTTP API)  ${urls.gateway}
    EventBridge PutEvents, Step Functions, Secrets Manager (AWS JSON), SES v2 SendEmail
  Health                             ${urls.health}
  Approval e-mails (outbox)          ${urls.outbox}
  Dead-lettered events               ${urls.deadLetters}
  Development ID token               ${urls.token}?tenant=acme&sub=sam&groups=marketers
  Workfront sandbox                  ${urls.workfront ?? '(off)'}   change a project's status there to see the sync
  GraphQL                            ${urls.graphql ?? '(this app has no GraphQL API)'}   HTTP POST and WebSocket (graphql-ws); send a development token
  DynamoDB Local                     ${urls.dynamodb}   tables: ${model.tables.map((t) => t.name).join(', ') || '(none)'}
  S3 (s3rver)                        ${urls.s3}   buckets: ${model.buckets.map((b) => b.name).join(', ') || '(none)'}
  Data                               ${dataDir}   (npm start -- --reset wipes it)

  State machines
${machines}
  HTTP routes
${routes}

Start a campaign build:
  aws events put-events --endpoint-url ${urls.gateway} --region us-east-1 --entries file://examples/put-events.json
Follow it:
  aws stepfunctions list-executions --endpoint-url ${urls.gateway} --region us-east-1 --state-machine-arn ${firstMachine}
  aws stepfunctions describe-execution --endpoint-url ${urls.gateway} --region us-east-1 --execution-arn <executionArn>
Then open ${urls.outbox} and follow the approve link.
(The AWS CLI wants credentials even locally: any values do, e.g. AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local.)

Ctrl-C stops everything.
`;
}
