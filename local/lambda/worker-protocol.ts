// Messages between the Lambda runner and its worker threads.

export interface InvokeContextFields {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** Epoch milliseconds when the function's Timeout runs out. */
  readonly deadlineMs: number;
}

export interface InvokeRequest {
  readonly id: number;
  readonly event: unknown;
  readonly context: InvokeContextFields;
}

/** Lambda's error shape: what Step Functions and callers see of a failed invocation. */
export interface LambdaErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/** The worker's init phase ended (the bundle loaded, or failed to): sent once, before any invocation. */
export type InitResponse = { readonly init: true; readonly ok: true } | { readonly init: true; readonly ok: false; readonly error: LambdaErrorPayload };

export type InvokeResponse =
  | { readonly id: number; readonly ok: true; readonly payload: unknown; readonly coldStart: boolean }
  | { readonly id: number; readonly ok: false; readonly error: LambdaErrorPayload; readonly coldStart: boolean };

export interface WorkerData {
  /** Absolute path of the bundle's entry file (index.mjs, index.js or index.cjs). */
  readonly entryFile: string;
  readonly exportName: string;
  /** Extra node_modules directory for bare imports a bundle leaves external (e.g. @aws-sdk/*), as the Lambda runtime provides them. */
  readonly fallbackNodeModules: string;
}
