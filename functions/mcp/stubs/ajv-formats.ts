// Bundled in place of `ajv-formats` in the MCP function only; see ./ajv.ts.
export default function unusedAddFormats(): never {
  throw new Error('ajv-formats is not bundled in the MCP function; pass a jsonSchemaValidator to the SDK Server');
}
