// The CampaignBuild state machine's definition, built with CDK constructs
// (JSONPath, not JSONata: the local runtime executes this very definition).
// Parameters and ResultPaths follow functions/workflow/contracts.ts; state
// names come from its STATE table.
//
//   Save ─(duplicate)─► AlreadyBuilt
//     └► Plan ─► Generate (Map of GeneratePost, per-item Catch → RecordPostFailure)
//          ─► StartApproval (stage 0) ─► RequestApproval (.waitForTaskToken, timeout = approval window)
//               ├ States.Timeout ─► MarkExpired ─► Expired
//               └► Decision ├ APPROVED, another stage ─► NextStage ─► RequestApproval
//                           ├ APPROVED ─► SyncToWorkfront ─► Synced
//                           └ REJECTED ─► Revise ─(revise)─► NextRevision ─► Generate
//                                                 └────────► Rejected
//   any other error after Save ─► MarkFailed ─► Failed;  Save's own error ─► SaveFailed
import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  Choice,
  Condition,
  Errors,
  Fail,
  IntegrationPattern,
  JsonPath,
  Map as MapState,
  Pass,
  Result,
  type RetryProps,
  Succeed,
  TaskInput,
  Timeout,
  type IChainable,
  JitterType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { z } from 'zod';
import { Decision } from '../../functions/domain/approval.ts';
import { RETRYABLE_ERROR_CODES } from '../../functions/domain/error-policy.ts';
import { Generation, GeneratePostOutput, ReviseOutput, SaveOutput, STATE, SyncOutput } from '../../functions/workflow/contracts.ts';

/** States the contract does not name: the terminal states and the two routing Choices. */
export const EXTRA_STATE = {
  saveFailed: 'SaveFailed',
  isDuplicate: 'IsDuplicate',
  shouldRevise: 'ShouldRevise',
  nextRevision: 'NextRevision',
  // --- approvals (issue 16): the stage loop
  startApproval: 'StartApproval',
  nextStage: 'NextStage',
  unknownDecision: 'UnknownDecision',
  synced: 'Synced',
  rejected: 'Rejected',
  expired: 'Expired',
  failed: 'Failed',
} as const;

/** Transient Lambda service failures, worth retrying on every Task. */
export const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  // A crashed or timed-out function (out of memory included). Every task is idempotent, so running it again is safe.
  'Lambda.Unknown',
] as const;

/** Bounded exponential backoff with full jitter, so parallel Map items do not retry in lockstep. */
const BACKOFF = {
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxAttempts: 4,
  maxDelay: Duration.seconds(30),
  jitterStrategy: JitterType.FULL,
} satisfies Omit<RetryProps, 'errors'>;

/**
 * Every Task's Retry. Each Task's handler goes through stepHandler, which turns
 * AWS throttling and transient failures into the error policy's retryable codes,
 * so every Task can raise them and every Task retries them (a throttle during
 * Save used to end the build in SaveFailed); Lambda itself can fail transiently.
 */
export const TASK_RETRY: RetryProps = { errors: [...RETRYABLE_ERROR_CODES, ...LAMBDA_SERVICE_ERRORS], ...BACKOFF };
// The two former policies, kept as names so call sites (and branches adding Tasks) need no edit.
export const DEPENDENCY_RETRY = TASK_RETRY;
export const SERVICE_RETRY = TASK_RETRY;

export interface CampaignBuildFunctions {
  readonly saveCampaign: IFunction;
  readonly planCampaign: IFunction;
  readonly generatePost: IFunction;
  readonly campaignOutcome: IFunction;
  readonly requestApproval: IFunction;
  readonly expireApproval: IFunction;
  readonly syncToWorkfront: IFunction;
}

export interface CampaignBuildProps {
  readonly functions: CampaignBuildFunctions;
  /** Posts drafted at once (Map MaxConcurrency), 1-40. */
  readonly mapConcurrency: number;
  /** The callback task's TimeoutSeconds: how long the approver has. */
  readonly approvalWindow: Duration;
}

/** `{ field.$: $.Payload.field }` for each field of a contract's output schema: the Lambda's return value, unwrapped. */
function payloadOf(schema: z.ZodObject): Record<string, string> {
  return Object.fromEntries(Object.keys(schema.shape).map((field) => [field, JsonPath.stringAt(`$.Payload.${field}`)]));
}

const tenantId = JsonPath.stringAt('$.campaign.tenantId');
const campaignId = JsonPath.stringAt('$.campaign.campaignId');
const revision = JsonPath.numberAt('$.generation.revision');
const stage = JsonPath.numberAt('$.stage.index');

export class CampaignBuild extends Construct {
  /** The chain that starts at Save; hand it to DefinitionBody.fromChainable. */
  public readonly definition: IChainable;

  constructor(scope: Construct, id: string, props: CampaignBuildProps) {
    super(scope, id);
    const fn = props.functions;
    if (!Number.isInteger(props.mapConcurrency) || props.mapConcurrency < 1 || props.mapConcurrency > 40) {
      throw new Error(`mapConcurrency must be an integer from 1 to 40 (an inline Map runs at most 40 iterations at once); got ${props.mapConcurrency}`);
    }

    const invoke = (stateId: string, lambdaFunction: IFunction, payload: TaskInput, output: { resultPath: string; resultSelector?: Record<string, string> }) =>
      new LambdaInvoke(this, stateId, {
        lambdaFunction,
        payload,
        resultPath: output.resultPath,
        resultSelector: output.resultSelector,
        // Our own Retry blocks instead of CDK's default, so every policy is bounded and jittered.
        retryOnServiceExceptions: false,
      });

    // Failure path: record why, then fail the execution with the caught error.
    const failed = new Fail(this, EXTRA_STATE.failed, { errorPath: '$.error.Error', causePath: '$.error.Cause' });
    const markFailed = invoke(
      STATE.markFailed,
      fn.campaignOutcome,
      TaskInput.fromObject({ action: 'markFailed', tenantId, campaignId, error: JsonPath.objectAt('$.error') }),
      { resultPath: JsonPath.DISCARD },
    )
      .addRetry(SERVICE_RETRY)
      .next(failed);

    const save = invoke(
      STATE.save,
      fn.saveCampaign,
      TaskInput.fromObject({ eventId: JsonPath.stringAt('$.eventId'), detail: JsonPath.objectAt('$.detail'), executionId: JsonPath.executionId }),
      {
        resultPath: '$.campaign',
        resultSelector: payloadOf(SaveOutput),
      },
    )
      .addRetry(SERVICE_RETRY)
      // No campaign exists to mark failed yet.
      .addCatch(new Fail(this, EXTRA_STATE.saveFailed, { errorPath: '$.error.Error', causePath: '$.error.Cause' }), {
        errors: [Errors.ALL],
        resultPath: '$.error',
      });

    const plan = invoke(STATE.plan, fn.planCampaign, TaskInput.fromObject({ tenantId, campaignId }), {
      resultPath: '$.generation',
      resultSelector: payloadOf(Generation),
    })
      .addRetry(DEPENDENCY_RETRY)
      .addCatch(markFailed, { errors: [Errors.ALL], resultPath: '$.error' });

    const item = {
      tenantId: JsonPath.stringAt('$.tenantId'),
      campaignId: JsonPath.stringAt('$.campaignId'),
      postId: JsonPath.stringAt('$.postId'),
      revision: JsonPath.numberAt('$.revision'),
      guidance: JsonPath.stringAt('$.guidance'),
    };
    const recordPostFailure = invoke(
      STATE.recordPostFailure,
      fn.campaignOutcome,
      TaskInput.fromObject({ action: 'recordPostFailure', ...item, error: JsonPath.objectAt('$.error') }),
      { resultPath: JsonPath.DISCARD },
    ).addRetry(SERVICE_RETRY);
    const generatePost = invoke(STATE.generatePost, fn.generatePost, TaskInput.fromObject(item), {
      resultPath: '$.result',
      resultSelector: payloadOf(GeneratePostOutput),
    })
      .addRetry(DEPENDENCY_RETRY)
      // One post's failure is recorded on that post; the other iterations carry on.
      .addCatch(recordPostFailure, { errors: [Errors.ALL], resultPath: '$.error' });

    const generate = new MapState(this, STATE.generate, {
      itemsPath: JsonPath.stringAt('$.generation.postIds'),
      itemSelector: {
        tenantId,
        campaignId,
        postId: JsonPath.stringAt('$$.Map.Item.Value'),
        revision,
        guidance: JsonPath.stringAt('$.generation.guidance'),
      },
      maxConcurrency: props.mapConcurrency,
      resultPath: JsonPath.DISCARD,
    })
      .itemProcessor(generatePost)
      .addCatch(markFailed, { errors: [Errors.ALL], resultPath: '$.error' });

    const markExpired = invoke(STATE.markExpired, fn.expireApproval, TaskInput.fromObject({ tenantId, campaignId, revision, stage }), {
      resultPath: JsonPath.DISCARD,
    })
      .addRetry(SERVICE_RETRY)
      .addCatch(markFailed, { errors: [Errors.ALL], resultPath: '$.error' })
      .next(new Succeed(this, EXTRA_STATE.expired));

    const requestApproval = new LambdaInvoke(this, STATE.requestApproval, {
      lambdaFunction: fn.requestApproval,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      // The token goes to the function, which stores it server-side; links carry only a signed JWT.
      payload: TaskInput.fromObject({ tenantId, campaignId, revision, stage, taskToken: JsonPath.taskToken }),
      taskTimeout: Timeout.duration(props.approvalWindow),
      resultPath: '$.approval',
      retryOnServiceExceptions: false,
    })
      .addRetry(SERVICE_RETRY)
      .addCatch(markExpired, { errors: [Errors.TIMEOUT], resultPath: '$.error' })
      .addCatch(markFailed, { errors: [Errors.ALL], resultPath: '$.error' });

    const sync = invoke(STATE.syncToWorkfront, fn.syncToWorkfront, TaskInput.fromObject({ tenantId, campaignId }), {
      resultPath: '$.workfront',
      resultSelector: payloadOf(SyncOutput),
    })
      .addRetry(DEPENDENCY_RETRY)
      .addCatch(markFailed, { errors: [Errors.ALL], resultPath: '$.error' })
      .next(new Succeed(this, EXTRA_STATE.synced));

    const nextRevision = new Pass(this, EXTRA_STATE.nextRevision, {
      inputPath: '$.revision.generation',
      resultPath: '$.generation',
    }).next(generate);
    const revise = invoke(
      STATE.revise,
      fn.campaignOutcome,
      TaskInput.fromObject({
        action: 'revise',
        tenantId,
        campaignId,
        approval: JsonPath.objectAt('$.approval'),
        generation: JsonPath.objectAt('$.generation'),
      }),
      { resultPath: '$.revision', resultSelector: payloadOf(ReviseOutput) },
    )
      .addRetry(SERVICE_RETRY)
      .addCatch(markFailed, { errors: [Errors.ALL], resultPath: '$.error' })
      .next(
        new Choice(this, EXTRA_STATE.shouldRevise)
          .when(Condition.booleanEquals('$.revision.revise', true), nextRevision)
          .otherwise(new Succeed(this, EXTRA_STATE.rejected)),
      );

    // The callback validates the decision, so this branch is a guard, not a path we expect.
    const unknownDecision = new Pass(this, EXTRA_STATE.unknownDecision, {
      parameters: { Error: 'InvalidDecision', Cause: JsonPath.format('Unknown approval decision {}', JsonPath.stringAt('$.approval.decision')) },
      resultPath: '$.error',
    }).next(markFailed);

    // Stages run in order, each with its own callback: a passed stage with another after it asks that one next.
    const startApproval = new Pass(this, EXTRA_STATE.startApproval, { result: Result.fromObject({ index: 0 }), resultPath: '$.stage' });
    const nextStage = new Pass(this, EXTRA_STATE.nextStage, {
      parameters: { index: JsonPath.numberAt('$.approval.nextStage') },
      resultPath: '$.stage',
    }).next(requestApproval);

    const decision = new Choice(this, STATE.decision)
      .when(
        Condition.and(Condition.stringEquals('$.approval.decision', Decision.enum.APPROVED), Condition.isPresent('$.approval.nextStage')),
        nextStage,
      )
      .when(Condition.stringEquals('$.approval.decision', Decision.enum.APPROVED), sync)
      .when(Condition.stringEquals('$.approval.decision', Decision.enum.REJECTED), revise)
      .otherwise(unknownDecision);

    this.definition = save.next(
      new Choice(this, EXTRA_STATE.isDuplicate)
        .when(Condition.booleanEquals('$.campaign.duplicate', true), new Succeed(this, STATE.alreadyBuilt))
        .otherwise(plan.next(generate).next(startApproval).next(requestApproval).next(decision)),
    );
  }
}
