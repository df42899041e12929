/** A body that did not parse as JSON, kept as text for the log. */
export class InvalidJson {
  constructor(readonly text: string) {}
}

/** The JSON body: `{}` when there is none (GET, DeleteBackend), InvalidJson when it does not parse. */
export function parseBody(rawBody: string): unknown {
  if (rawBody.trim() === '') return {};
  try {
    return JSON.parse(rawBody);
  } catch {
    return new InvalidJson(rawBody);
  }
}

/** The body's JSON object fields, or none when it is not an object. */
export function fieldsOf(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && !(body instanceof InvalidJson) ? body as Record<string, unknown> : {};
}

/** The body as the request log keeps it: the parsed JSON, or the raw text when it did not parse. */
export function loggable(body: unknown): unknown {
  return body instanceof InvalidJson ? body.text : body;
}
