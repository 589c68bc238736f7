// The wire formats of the Workfront REST API and of Adobe IMS, as documented:
// - every REST response is JSON with either a `data` attribute (success) or an
//   `error` attribute (failure); `data` is an object, or an array for searches
//   (https://experienceleague.adobe.com/en/docs/workfront/using/adobe-workfront-api/api-general-information/api-basics,
//   "Response"); the error object carries `message` and usually the Java
//   exception `class` (Workfront's own client reads `error.message`:
//   https://github.com/Workfront/workfront-api/blob/master/src/Api.ts, ResponseHandler);
// - IMS OAuth Server-to-Server tokens: POST {ims}/ims/token/v3, form-encoded
//   grant_type=client_credentials, client_id, client_secret, scope → `{ access_token,
//   token_type: "bearer", expires_in }` (seconds)
//   (https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/ims).
import { z } from 'zod';

export const WorkfrontErrorBody = z.looseObject({
  class: z.string().optional(),
  message: z.string().optional(),
});

export const WorkfrontFailure = z.looseObject({ error: WorkfrontErrorBody });
/** `data` must be present (an object or an array); `{}` is not a success. */
export const WorkfrontSuccess = z.looseObject({ data: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]) });

/** The fields MCC reads from a project or task; Workfront returns many more, kept as they are. */
export const WorkfrontObject = z.looseObject({
  ID: z.string().min(1),
  objCode: z.string().optional(),
  name: z.string().optional(),
  status: z.string().optional(),
  extRefID: z.string().nullable().optional(),
  projectID: z.string().nullable().optional(),
  plannedStartDate: z.string().nullable().optional(),
  plannedCompletionDate: z.string().nullable().optional(),
  lastUpdateDate: z.string().nullable().optional(),
});
export type WorkfrontObject = z.infer<typeof WorkfrontObject>;

export const ImsTokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive(),
});
export type ImsTokenResponse = z.infer<typeof ImsTokenResponse>;

/** Workfront object codes this integration reads and writes. */
export type RestObjCode = 'PROJ' | 'TASK';
