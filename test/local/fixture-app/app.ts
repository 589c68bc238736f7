// A small CDK app shaped like MCC's workflow, for testing the local runtime
// generically: a bus and rules (input transformer, DLQ), a Standard state
// machine in JSONPath with LambdaInvoke tasks, a Map, a waitForTaskToken task
// with a timeout, Choice and Catch; NodejsFunctions whose environment names a
// table, a bucket and secrets; an HTTP API with Lambda routes; a bucket
// deployment of a small knowledge folder.
import { fileURLToPath } from 'node:url';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { Function as LambdaFn, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import {
  Choice,
  Condition,
  DefinitionBody,
  IntegrationPattern,
  JsonPath,
  Map as MapState,
  Pass,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { TABLE_DESIGN } from '../../../functions/data/table-design.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const FIXTURE_BUS = 'mcc';
export const FIXTURE_STACK = 'Fixture-Workflow';

export function buildFixtureApp(outdir: string, context: Record<string, unknown> = {}): App {
  const app = new App({ outdir, context: { '@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion': true, ...context } });
  const stack = new Stack(app, FIXTURE_STACK);

  const table = new TableV2(stack, 'OrdersTable', {
    partitionKey: { name: TABLE_DESIGN.partitionKey, type: AttributeType.STRING },
    sortKey: { name: TABLE_DESIGN.sortKey, type: AttributeType.STRING },
    billing: Billing.onDemand(),
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const knowledge = new Bucket(stack, 'KnowledgeBucket', { removalPolicy: RemovalPolicy.DESTROY });
  new BucketDeployment(stack, 'KnowledgeDeployment', { destinationBucket: knowledge, sources: [Source.asset(here('./knowledge'))] });
  const signingKey = new Secret(stack, 'SigningKey', { generateSecretString: { passwordLength: 48, excludePunctuation: true } });
  const credentials = new Secret(stack, 'PartnerCredentials', {
    generateSecretString: { secretStringTemplate: JSON.stringify({ clientId: 'fixture' }), generateStringKey: 'clientSecret' },
  });

  const fn = (id: string, file: string, format: OutputFormat = OutputFormat.ESM) =>
    new NodejsFunction(stack, id, {
      entry: here(`./handlers/${file}`),
      runtime: Runtime.NODEJS_24_X,
      timeout: Duration.seconds(10),
      environment: {
        TABLE_NAME: table.tableName,
        EVENT_BUS_NAME: FIXTURE_BUS,
        KNOWLEDGE_BUCKET: knowledge.bucketName,
        SIGNING_SECRET_ID: signingKey.secretArn,
        CREDENTIALS_SECRET_ID: credentials.secretArn,
        WORKFRONT_BASE_URL: 'https://example.my.workfront.com',
      },
      bundling: {
        format,
        sourceMap: true,
        ...(format === OutputFormat.ESM ? { banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" } : {}),
      },
    });
  const saveOrder = fn('SaveOrderFunction', 'save-order.ts');
  const workItem = fn('WorkItemFunction', 'work-item.ts');
  const awaitCallback = fn('AwaitCallbackFunction', 'await-callback.ts');
  const breakOrder = fn('BreakOrderFunction', 'break-order.ts', OutputFormat.CJS);
  const httpCallback = fn('HttpCallbackFunction', 'http-callback.ts');

  const save = new LambdaInvoke(stack, 'Save', {
    lambdaFunction: saveOrder,
    resultSelector: { 'orderId.$': '$.Payload.orderId', 'items.$': '$.Payload.items' },
    resultPath: '$.saved',
  });
  const breaks = new LambdaInvoke(stack, 'Break', {
    lambdaFunction: breakOrder,
    payload: TaskInput.fromObject({ 'orderId.$': '$.detail.orderId' }),
    resultPath: '$.never',
  });
  const recovered = new Pass(stack, 'Recovered');
  breaks.addCatch(recovered, { errors: ['OrderBroken'], resultPath: '$.error' });
  const items = new MapState(stack, 'Items', {
    itemsPath: '$.saved.items',
    itemSelector: { 'item.$': '$$.Map.Item.Value' },
    maxConcurrency: Number(app.node.tryGetContext('mapConcurrency') ?? 4),
    resultPath: '$.results',
  });
  const work = new LambdaInvoke(stack, 'Work', { lambdaFunction: workItem, outputPath: '$.Payload' });
  const itemFailed = new Pass(stack, 'ItemFailed', { parameters: { 'failed.$': '$.Error' } });
  work.addCatch(itemFailed, { errors: ['ItemBroken'] });
  items.itemProcessor(work);
  // Two callback tasks with static timeouts (as the approval window is): a long one, and a short one for the timeout path.
  const callbackTask = (id: string, seconds: number) => {
    const task = new LambdaInvoke(stack, id, {
      lambdaFunction: awaitCallback,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({ orderId: JsonPath.stringAt('$.saved.orderId'), taskToken: JsonPath.taskToken }),
      taskTimeout: Timeout.duration(Duration.seconds(seconds)),
      resultPath: '$.decision',
    });
    task.addCatch(expired, { errors: ['States.Timeout'], resultPath: '$.error' });
    return task;
  };
  const expired = new Pass(stack, 'Expired');
  const callback = callbackTask('AwaitCallback', Number(app.node.tryGetContext('callbackSeconds') ?? 60));
  const shortCallback = callbackTask('AwaitShortCallback', 2);
  const done = new Succeed(stack, 'Done');

  const definition = save.next(
    new Choice(stack, 'Route')
      .when(Condition.and(Condition.isPresent('$.detail.mode'), Condition.stringEquals('$.detail.mode', 'break')), breaks.next(recovered))
      .otherwise(
        items.next(
          new Choice(stack, 'Patience')
            .when(Condition.and(Condition.isPresent('$.detail.mode'), Condition.stringEquals('$.detail.mode', 'impatient')), shortCallback.next(done))
            .otherwise(callback.next(done)),
        ),
      ),
  );
  expired.next(done);
  const machine = new StateMachine(stack, 'OrderFlow', {
    stateMachineType: StateMachineType.STANDARD,
    definitionBody: DefinitionBody.fromChainable(definition),
  });

  const bus = new EventBus(stack, 'Bus', { eventBusName: FIXTURE_BUS });
  const dlq = new Queue(stack, 'RuleDeadLetters');
  new Rule(stack, 'OrderPlacedRule', {
    eventBus: bus,
    eventPattern: { source: ['fixture.orders'], detailType: ['Order Placed'], detail: { amount: [{ numeric: ['>', 0] }] } },
    targets: [
      new SfnStateMachine(machine, {
        input: RuleTargetInput.fromObject({ eventId: EventField.eventId, detail: EventField.fromPath('$.detail') }),
        deadLetterQueue: dlq,
        retryAttempts: 2,
      }),
    ],
  });
  // A target that is not in this app: EventBridge cannot deliver to it locally, so it must dead-letter.
  const elsewhere = LambdaFn.fromFunctionArn(stack, 'Elsewhere', 'arn:aws:lambda:us-east-1:111122223333:function:not-in-this-app');
  new Rule(stack, 'OrphanRule', {
    eventBus: bus,
    eventPattern: { source: ['fixture.orphans'] },
    targets: [new LambdaFunction(elsewhere, { deadLetterQueue: dlq })],
  });

  const api = new HttpApi(stack, 'Api');
  const integration = new HttpLambdaIntegration('HttpCallbackIntegration', httpCallback);
  api.addRoutes({ path: '/hello/{name}', methods: [HttpMethod.GET], integration });
  api.addRoutes({ path: '/callbacks/{orderId}', methods: [HttpMethod.POST], integration });
  return app;
}
