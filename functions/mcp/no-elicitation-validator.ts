// The SDK's Server validates elicitation answers with a JSON Schema validator,
// by default a fresh Ajv instance (with every format) per Server — and MCC
// builds a Server per request. MCC never elicits, so its servers get this one:
// nothing to construct, and any use would fail loudly rather than pass unchecked.
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';

export const noElicitationValidator: jsonSchemaValidator = {
  getValidator() {
    return () => ({ valid: false, data: undefined, errorMessage: 'MCC does not elicit input, so it validates no elicitation answer' });
  },
};
