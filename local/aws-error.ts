// A service error in AWS's terms: the error code clients match on (`__type`
// in the AWS JSON protocol, `x-amzn-ErrorType` in REST-JSON) and its status.
export class AwsServiceError extends Error {
  readonly code: string;
  readonly statusCode: number;
  constructor(code: string, message: string, statusCode = 400) {
    super(message);
    this.name = code;
    this.code = code;
    this.statusCode = statusCode;
  }
}
