// startLocalRuntime: the whole app on this machine, from a synthesized cloud
// assembly — DynamoDB Local with the template's tables, s3rver with its
// buckets (and bucket deployments uploaded), secrets, the Lambda runner, Step
// Functions, EventBridge and the gateway port. Used by `npm start` and the
// end-to-end tests; generic over any CDK app.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../functions/data/ensure-table.ts';
import { LOCAL_AWS, startDynamoDbLocal, type RunningDynamoDb } from './dynamodb-local.ts';
import { DeadLetters } from './eventbridge/dead-letters.ts';
import { EventBusService } from './eventbridge/event-bus.ts';
import { freePort } from './free-port.ts';
import { eventBridgeOperations, secretsManagerOperations, stepFunctionsOperations } from './gateway/aws-json-apis.ts';
import { loadOrCreateKey } from './gateway/dev-token.ts';
import { Outbox } from './gateway/outbox.ts';
import { Gateway } from './gateway/server.ts';
import { LambdaRunner } from './lambda/lambda-runner.ts';
import { S3RVER_CREDENTIALS, seedBuckets, startLocalS3, type RunningS3 } from './s3/local-s3.ts';
import { SecretStore } from './secrets/secret-store.ts';
import { StepFunctionsService } from './stepfunctions/step-functions-service.ts';
import { buildAppModel, type LocalAppModel } from './template/app-model.ts';
import { readCloudAssembly } from './template/cloud-assembly.ts';
import { LOCAL_ACCOUNT, LOCAL_REGION, type LocalEnvironment } from './template/local-names.ts';
import { mountWorkfrontSandbox, type MountedWorkfront } from './workfront-mount.ts';
import { localGraphqlFor } from './graphql/local-graphql-mount.ts';
import { FaultInjector, type FaultConfig } from './faults.ts';
import { SchedulerService } from './scheduler/scheduler-service.ts';
import { withLocalSignIn } from './auth/local-sign-in.ts';
import { sampleTeamSeeder } from './sample-team.ts';

const PROJECT_ROOT = resolve(import.meta.dirname, '..');

export interface LocalRuntimeOptions {
  readonly cloudAssemblyDir: string;
  /** Persisted state: DynamoDB, S3, secrets, executions, outbox, dead letters. */
  readonly dataDir: string;
  readonly host?: string;
  /** Gateway port; 0 picks a free one. Default 4566. */
  readonly port?: number;
  /** Use a running DynamoDB (tests), or start DynamoDB Local on a port (default 8000) persisted in the data directory. */
  readonly dynamodb?: { readonly endpoint: string } | { readonly port: number };
  /** s3rver's port; 0 picks a free one. Default 4569. */
  readonly s3Port?: number;
  /** Prefix for derived table and bucket names (lets several runtimes share one DynamoDB Local). */
  readonly namePrefix?: string;
  /** Uploaded into a knowledge bucket that no bucket deployment fills. Default: knowledge-content/. */
  readonly knowledgeDir?: string;
  readonly agentProvider?: 'local' | 'bedrock';
  /** Seeds the Workfront webhook token secret (functions' WEBHOOK_TOKEN_SECRET_ID). */
  readonly workfrontWebhookToken?: string;
  /** Extra environment for every function. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Mount local/workfront-sandbox when present (default true). */
  readonly workfrontSandbox?: boolean;
  readonly log?: (line: string) => void;
  readonly functionLog?: (functionName: string, line: string) => void;
  /** Progress of long steps, for the start banner. */
  readonly progress?: (step: string) => void;
  /** Injected faults (local/faults.ts); none by default. */
  readonly faults?: FaultConfig;
  /** Called when a child process the runtime needs (DynamoDB Local) dies on its own. */
  readonly onFatal?: (why: string) => void;
  /** The built web console (web/dist) to serve at the gateway's `/` (issue 14); none when absent. */
  readonly consoleDir?: string;
  /** Execution (issue 15): seed local/sample-team.ts for each tenant an event names (the app's one table). */
  readonly sampleTeam?: boolean;
}

export interface LocalRuntimeUrls {
  readonly gateway: string;
  /** The web console, when the runtime serves one. */
  readonly console: string | undefined;
  readonly health: string;
  readonly outbox: string;
  readonly deadLetters: string;
  readonly token: string;
  readonly graphql?: string;
  readonly workfront: string | undefined;
  readonly dynamodb: string;
  readonly s3: string;
}

export interface LocalRuntime {
  readonly urls: LocalRuntimeUrls;
  readonly model: LocalAppModel;
  readonly lambda: LambdaRunner;
  readonly stepFunctions: StepFunctionsService;
  readonly eventBus: EventBusService;
  readonly secrets: SecretStore;
  readonly outbox: Outbox;
  readonly deadLetters: DeadLetters;
  readonly gateway: Gateway;
  /** EventBridge Scheduler (issue 17). */
  readonly scheduler: SchedulerService;
  readonly resumed: { readonly resumed: readonly string[]; readonly failed: readonly string[] };
  /** Present when faults are configured: what was injected so far. */
  readonly faults: FaultInjector | undefined;
  stop(): Promise<void>;
}

/** Secrets a function names through an environment variable, e.g. WEBHOOK_TOKEN_SECRET_ID. */
function secretsNamedBy(model: LocalAppModel, variable: string): string[] {
  return [...new Set(model.functions.map((f) => f.environment[variable]).filter((v): v is string => typeof v === 'string' && v.length > 0))];
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.log(line));
  const progress = options.progress ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const port = options.port === 0 ? await freePort() : (options.port ?? 4566);
  const gatewayUrl = `http://${host}:${port}`;
  const env: LocalEnvironment = { region: LOCAL_REGION, account: LOCAL_ACCOUNT, gatewayUrl, namePrefix: options.namePrefix ?? '' };
  const model = buildAppModel(readCloudAssembly(options.cloudAssemblyDir), env);
  const cleanups: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        log(`[mcc] while stopping: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  try {
    // DynamoDB
    let dynamo: RunningDynamoDb | undefined;
    let dynamoEndpoint: string;
    if (options.dynamodb && 'endpoint' in options.dynamodb) {
      dynamoEndpoint = options.dynamodb.endpoint;
    } else {
      progress('starting DynamoDB Local (a JVM; the first start takes a few seconds)…');
      const dynamoPort = options.dynamodb?.port ?? 8000;
      dynamo = await startDynamoDbLocal({ port: dynamoPort === 0 ? await freePort() : dynamoPort, dataDir: join(dataDir, 'dynamodb') });
      dynamoEndpoint = dynamo.endpoint;
      const running = dynamo;
      let stopping = false;
      running.process.once('exit', (code) => {
        if (!stopping) options.onFatal?.(`DynamoDB Local exited (code ${code})`);
      });
      cleanups.push(() => {
        stopping = true;
        return running.stop();
      });
    }
    const dynamoClient = new DynamoDBClient({ endpoint: dynamoEndpoint, ...LOCAL_AWS });
    try {
      for (const table of model.tables) await ensureTable(dynamoClient, table.name);
    } finally {
      dynamoClient.destroy();
    }

    // S3
    progress('starting S3 (s3rver) and uploading bucket contents…');
    const s3: RunningS3 = await startLocalS3({ port: options.s3Port === 0 ? await freePort() : (options.s3Port ?? 4569), host, directory: join(dataDir, 's3') });
    cleanups.push(() => s3.stop());
    const knowledgeDir = options.knowledgeDir ?? join(PROJECT_ROOT, 'knowledge-content');
    await seedBuckets(s3.endpoint, model.buckets, model.deployments, existsSync(knowledgeDir) ? knowledgeDir : undefined);

    // Secrets
    const secrets = new SecretStore(model.secrets, join(dataDir, 'secrets.json'));
    if (options.workfrontWebhookToken) for (const id of secretsNamedBy(model, 'WEBHOOK_TOKEN_SECRET_ID')) if (secrets.find(id)) secrets.put(id, options.workfrontWebhookToken);
    const webhookToken = (() => {
      const id = secretsNamedBy(model, 'WEBHOOK_TOKEN_SECRET_ID')[0];
      return id && secrets.find(id) ? secrets.get(id).SecretString : options.workfrontWebhookToken;
    })();

    // Workfront sandbox
    const workfrontUrl = `${gatewayUrl}/_local/workfront`;
    let sandbox: MountedWorkfront | undefined;
    if (options.workfrontSandbox !== false) {
      const webhookSecretId = secretsNamedBy(model, 'WEBHOOK_TOKEN_SECRET_ID')[0];
      sandbox = mountWorkfrontSandbox({
        dataFile: join(dataDir, 'workfront-sandbox.json'),
        publicBaseUrl: workfrontUrl,
        gatewayUrl,
        webhookSecret: () => (webhookSecretId && secrets.find(webhookSecretId) ? secrets.get(webhookSecretId).SecretString : (webhookToken ?? '')),
      });
      const value = JSON.stringify(sandbox.credentials);
      for (const id of secretsNamedBy(model, 'WORKFRONT_CREDENTIALS_SECRET_ID')) if (secrets.find(id)) secrets.put(id, value);
    }

    // Lambda
    const faults = options.faults ? new FaultInjector(options.faults) : undefined;
    const injector = faults?.enabled ? faults : undefined;
    const endpoint = gatewayUrl;
    const lambda = new LambdaRunner({
      functions: model.functions,
      fallbackNodeModules: join(PROJECT_ROOT, 'node_modules'),
      overrides: {
        AWS_REGION: env.region,
        AWS_DEFAULT_REGION: env.region,
        AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
        AWS_ENDPOINT_URL_S3: s3.endpoint,
        AWS_ENDPOINT_URL_EVENTBRIDGE: endpoint,
        AWS_ENDPOINT_URL_SFN: endpoint,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
        AWS_ENDPOINT_URL_SESV2: endpoint,
        AWS_ENDPOINT_URL_SCHEDULER: endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        AGENT_PROVIDER: options.agentProvider ?? 'local',
        ...(options.environment ?? {}),
      },
      adjustEnvironment: (_fn, templateEnv) => {
        // Issue 18: user-pool token verification and the MCP resource URL point at the gateway.
        const fnEnv = withLocalSignIn(templateEnv, gatewayUrl);
        if (!sandbox || fnEnv.WORKFRONT_BASE_URL === undefined) return fnEnv;
        return {
          ...fnEnv,
          WORKFRONT_BASE_URL: workfrontUrl,
          ...(sandbox.authMode ? { WORKFRONT_AUTH_MODE: sandbox.authMode } : {}),
          ...(fnEnv.WORKFRONT_IMS_URL !== undefined ? { WORKFRONT_IMS_URL: sandbox.imsUrl ?? workfrontUrl } : {}),
        };
      },
      ...(options.functionLog ? { log: options.functionLog } : {}),
      ...(injector ? { intercept: (fn, run) => injector.intercept(fn, run) } : {}),
    });
    cleanups.push(() => lambda.stop());

    // Step Functions, EventBridge, the gateway
    const stepFunctions = new StepFunctionsService({ stateMachines: model.stateMachines, lambda, executionsDir: join(dataDir, 'executions'), log });
    cleanups.push(() => stepFunctions.stop());
    const deadLetters = new DeadLetters(join(dataDir, 'dead-letters.jsonl'));
    // GraphQL: the deployed schema, executed by the same resolver Lambda; EventBridge's AppSync targets call it as the backend.
    const devTokenKey = loadOrCreateKey(join(dataDir, 'dev-token-key.pem'));
    const graphql = localGraphqlFor(model, lambda, devTokenKey, dataDir);
    const eventBus = new EventBusService({
      region: env.region,
      account: env.account,
      buses: model.buses,
      rules: model.rules,
      stepFunctions,
      lambda,
      deadLetters,
      log,
      appSync: async (operation, variables) => {
        if (!graphql) throw new Error('this app has no GraphQL API');
        const result = await graphql.executeAsBackend(operation, variables);
        if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
      },
    });
    if (sandbox) {
      // Like an operator running `npm run workfront:subscribe` for each tenant that starts using MCC.
      const s = sandbox;
      eventBus.subscribe((event) => {
        const tenant = (event.detail as { tenantId?: unknown } | undefined)?.tenantId;
        if (typeof tenant === 'string') s.subscribeTenant(tenant).catch((error: unknown) => log(`[mcc] Workfront subscriptions for ${tenant}: ${String(error)}`));
      });
    }
    // Execution (issue 15): a sample team for each tenant seen, like the Workfront subscriptions above.
    const teamTable = (model.tables.length === 1 ? model.tables[0] : model.tables.find((t) => t.logicalId.startsWith('CampaignTable')))?.name;
    if (options.sampleTeam && teamTable) {
      const seeder = sampleTeamSeeder(dynamoEndpoint, teamTable);
      cleanups.push(async () => seeder.close());
      eventBus.subscribe((event) => {
        const tenant = (event.detail as { tenantId?: unknown } | undefined)?.tenantId;
        if (typeof tenant === 'string') seeder.seed(tenant).catch((error: unknown) => log(`[mcc] sample team for ${tenant}: ${String(error)}`));
      });
    }
    const outbox = new Outbox(join(dataDir, 'outbox.jsonl'));
    // EventBridge Scheduler (issue 17): schedules persist like executions and fire their Lambda targets on time.
    const scheduler = new SchedulerService({
      region: env.region,
      account: env.account,
      file: join(dataDir, 'schedules.json'),
      deadLetters,
      log,
      deliver: async (targetArn, input) => {
        const result = await lambda.invoke(targetArn, input);
        return result.ok ? { ok: true } : { ok: false, error: JSON.stringify(result.error) };
      },
    });
    cleanups.push(() => scheduler.stop());
    let ready = false;
    const gateway = new Gateway({
      awsJson: { AWSEvents: eventBridgeOperations(eventBus), AWSStepFunctions: stepFunctionsOperations(stepFunctions), secretsmanager: secretsManagerOperations(secrets) },
      routes: model.routes,
      lambda,
      outbox,
      deadLetters,
      devTokenKey,
      log,
      scheduler,
      ...(options.consoleDir ? { consoleDir: options.consoleDir } : {}),
      health: () => ({
        ready,
        components: {
          gateway: gatewayUrl,
          dynamodb: { endpoint: dynamoEndpoint, tables: model.tables.map((t) => t.name) },
          s3: { endpoint: s3.endpoint, buckets: model.buckets.map((b) => b.name) },
          lambda: { functions: lambda.functions.map((f) => f.name) },
          stepFunctions: { stateMachines: model.stateMachines.map((m) => m.arn), running: stepFunctions.executions(undefined, 'RUNNING').length },
          eventBridge: { buses: model.buses, rules: model.rules.map((r) => r.name) },
          http: { routes: model.routes.map((r) => r.routeKey) },
          secrets: secrets.names,
          workfrontSandbox: sandbox ? workfrontUrl : null,
          graphql: graphql ? `${gatewayUrl}/graphql` : null,
        },
      }),
    });
    if (sandbox) {
      const s = sandbox;
      gateway.mount('workfront', async (req, res, path) => {
        if (injector?.workfrontUnavailable()) {
          req.resume();
          res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
          res.end(JSON.stringify({ error: { message: 'injected fault: Workfront is unavailable (MCC_FAULT_WORKFRONT_5XX_RATE)' } }));
          return;
        }
        await s.handle(req, res, path);
      });
    }
    if (graphql) {
      const g = graphql;
      gateway.setGraphqlHandler((req, res) => g.handleHttp(req, res));
      const sockets = g.attachWebSocket(gateway.server, '/graphql');
      cleanups.push(() => sockets.close());
    }
    await gateway.listen(port, host);
    cleanups.push(() => gateway.close());

    const resumed = stepFunctions.resumeInterrupted();
    scheduler.start();
    ready = true;
    return {
      urls: {
        gateway: gatewayUrl,
        console: options.consoleDir ? `${gatewayUrl}/` : undefined,
        health: `${gatewayUrl}/_local/health`,
        outbox: `${gatewayUrl}/_local/outbox`,
        deadLetters: `${gatewayUrl}/_local/dlq`,
        token: `${gatewayUrl}/_local/token`,
        graphql: graphql ? `${gatewayUrl}/graphql` : undefined,
        workfront: sandbox ? workfrontUrl : undefined,
        dynamodb: dynamoEndpoint,
        s3: s3.endpoint,
      },
      model,
      lambda,
      stepFunctions,
      eventBus,
      secrets,
      outbox,
      deadLetters,
      gateway,
      scheduler,
      resumed,
      faults: injector,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
