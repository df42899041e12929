/**
 * CloudFormation refuses a custom resource response over 4,096 bytes ("Response object is too long") and
 * the reason is lost with it. The Provider framework's response carries the reason (the handler's error
 * message, a pointer to its log and the error's stack) beside the stack id, request id, resource ids and
 * data, so the message is kept to half of that, measured as the response's JSON spells it.
 */
export const MAX_REASON_BYTES = 2_048;

/**
 * The error that fails a deployment: its message cut to MAX_REASON_BYTES, keeping the start (the resource,
 * then the service's text), and a one-line stack without frames. Lambda's runtime reports the stack split
 * at line breaks and the framework appends every line after the first to the reason, so frames, or the
 * later lines of a multi-line message, would be in the reason twice. A cut message says so; the handler's
 * log holds the whole text once, in the decision line that gave it.
 */
export function deploymentFailure(message: string): Error {
  const error = new Error(fitted(message));
  error.stack = `Error: ${error.message.split('\n')[0]}`;
  return error;
}

function fitted(message: string): string {
  if (jsonBytes(message) <= MAX_REASON_BYTES) return message;
  const note = (rest: number) => ` … [${rest} more characters: the whole text is in the handler's log]`;
  let keep = message.length;
  // JSON escapes and UTF-8 make characters cost 1 to 6 bytes: shorten until it fits, in large steps first.
  while (keep > 0 && jsonBytes(message.slice(0, keep) + note(message.length - keep)) > MAX_REASON_BYTES) {
    const over = jsonBytes(message.slice(0, keep) + note(message.length - keep)) - MAX_REASON_BYTES;
    keep = Math.max(0, keep - Math.max(1, Math.ceil(over / 6)));
  }
  // Never cut a surrogate pair in two.
  if (keep > 0 && /[\ud800-\udbff]/.test(message[keep - 1])) keep--;
  return message.slice(0, keep) + note(message.length - keep);
}

function jsonBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text), 'utf8');
}
