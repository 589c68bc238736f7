// The Bedrock agent function-details Lambda event and response
// (https://docs.aws.amazon.com/bedrock/latest/userguide/agents-lambda.html):
// input `{ messageVersion, actionGroup, function, parameters: [{ name, type,
// value }], sessionAttributes, promptSessionAttributes }`; output `{
// messageVersion, response: { actionGroup, function, functionResponse: {
// responseState?, responseBody: { TEXT: { body } } } } }`. Both action-group
// handlers (agent-actions, assistant-actions) read and answer through these.
import { z } from 'zod';

export const FunctionEvent = z.looseObject({
  messageVersion: z.string(),
  actionGroup: z.string().min(1),
  function: z.string().min(1),
  parameters: z.array(z.looseObject({ name: z.string(), type: z.string().optional(), value: z.unknown() })).optional(),
  sessionAttributes: z.record(z.string(), z.string()).optional(),
  promptSessionAttributes: z.record(z.string(), z.string()).optional(),
});
export type FunctionEvent = z.infer<typeof FunctionEvent>;

export interface FunctionResponse {
  messageVersion: '1.0';
  response: {
    actionGroup: string;
    function: string;
    functionResponse: { responseState?: 'FAILURE' | 'REPROMPT'; responseBody: { TEXT: { body: string } } };
  };
  sessionAttributes?: Record<string, string>;
  promptSessionAttributes?: Record<string, string>;
}

export function functionResponse(event: FunctionEvent, body: unknown, responseState?: 'FAILURE' | 'REPROMPT'): FunctionResponse {
  return {
    messageVersion: '1.0',
    response: {
      actionGroup: event.actionGroup,
      function: event.function,
      functionResponse: { ...(responseState ? { responseState } : {}), responseBody: { TEXT: { body: typeof body === 'string' ? body : JSON.stringify(body) } } },
    },
    ...(event.sessionAttributes ? { sessionAttributes: event.sessionAttributes } : {}),
    ...(event.promptSessionAttributes ? { promptSessionAttributes: event.promptSessionAttributes } : {}),
  };
}
