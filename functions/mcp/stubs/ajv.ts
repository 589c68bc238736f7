// Bundled in place of `ajv` in the MCP function only (lib/mcp-stack.ts): the
// SDK imports it for its default elicitation validator, which MCC replaces
// (functions/mcp/no-elicitation-validator.ts), so it never runs — ~220 KB less
// to load at every cold start. Constructing it anyway is a bug, said loudly.
export default class UnusedAjv {
  constructor() {
    throw new Error('ajv is not bundled in the MCP function; pass a jsonSchemaValidator to the SDK Server');
  }
}
