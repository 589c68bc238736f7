// The one error mapper of the MCP boundary. Bad input (wrong types, a brief
// that breaks a rule, an unknown tool or resource) is a JSON-RPC error the
// client can act on (-32602 Invalid params, -32002 resource not found); a
// refusal or a missing campaign is a tool result with `isError` and the named
// code, so an assistant can tell the user; anything unexpected is -32603 with
// no detail (the logs keep it). None of them is ever an HTTP 5xx.
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { DomainError, ValidationError } from '../domain/errors.ts';
import { logger } from '../shared/observability.ts';

/** MCP's code for a resource URI that names nothing (spec: resources, error handling). */
export const RESOURCE_NOT_FOUND = -32002;

export interface ToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export function invalidParams(error: ValidationError): McpError {
  return new McpError(ErrorCode.InvalidParams, error.message, { issues: error.issues });
}

/** Throws what must be a JSON-RPC error; returns the tool-level error result otherwise. */
export function toToolError(tool: string, error: unknown): ToolResult {
  if (error instanceof McpError) throw error;
  if (error instanceof ValidationError) throw invalidParams(error);
  if (error instanceof DomainError) {
    logger.info(`${tool} refused: ${error.code}`, { reason: error.message });
    return { content: [{ type: 'text', text: `${error.code}: ${error.message}` }], structuredContent: { error: { code: error.code, message: error.message } }, isError: true };
  }
  logger.error(`${tool} failed`, { error });
  throw new McpError(ErrorCode.InternalError, 'An unexpected error occurred; see the function logs');
}
