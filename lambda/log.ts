/** One structured log line per decision. Never pass the event: it carries the pre-signed ResponseURL. */
export function logDecision(fields: Record<string, string | number | boolean | undefined>): void {
  console.log(JSON.stringify(fields));
}
