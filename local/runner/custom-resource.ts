/** A custom resource request as CloudFormation sends it, and the response as CloudFormation reads it. */

export interface CustomResourceRequest {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResourceType: string;
  readonly LogicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly ResponseURL: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
}

/** What CloudFormation takes from a response: a failed one may carry no physical id (no response came). */
export interface CustomResourceResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly PhysicalResourceId?: string;
  readonly Data: Record<string, string>;
  readonly Reason?: string;
}

/** CloudFormation refuses a response body larger than this. */
const MAX_RESPONSE_BYTES = 4_096;

/**
 * Reads the body PUT to a request's ResponseURL as CloudFormation does: a body over 4,096 bytes fails
 * the resource whatever its status, keeping only the physical id it names.
 */
export function readResponse(body: string): CustomResourceResponse {
  const response = JSON.parse(body) as CustomResourceResponse;
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_RESPONSE_BYTES) {
    return { Status: 'FAILED', PhysicalResourceId: response.PhysicalResourceId, Data: {}, Reason: `Response object is too long (${bytes} bytes, ${response.Status})` };
  }
  return { Status: response.Status, PhysicalResourceId: response.PhysicalResourceId, Data: response.Data ?? {}, Reason: response.Reason };
}

/** What CloudFormation records when nothing answered a request (it would wait out the resource's timeout first). */
export function noResponse(request: CustomResourceRequest): CustomResourceResponse {
  return {
    Status: 'FAILED',
    PhysicalResourceId: request.PhysicalResourceId,
    Data: {},
    Reason: `CloudFormation did not receive a response from your Custom Resource. Please check your logs for requestId [${request.RequestId}].`,
  };
}
