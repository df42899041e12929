import type { SecretReference } from '../src/private/contract';

/** The value a reference reads from a secret's text, or what is wrong with the text (never quoting it). */
export type SecretText = { readonly value: string } | { readonly problem: string };

/**
 * The secret's text, or the value of the reference's JSON field: what the handler sends, and what a local
 * deploy checks before it starts. A JSON parse error would quote the text, so it is not passed on.
 */
export function secretText(text: string | undefined, reference: Pick<SecretReference, 'JsonField'>): SecretText {
  if (!text) return { problem: 'the secret has no value' };
  if (!reference.JsonField) return { value: text };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'the secret is not JSON, so the field cannot be read' };
  }
  const value = (json as Record<string, unknown> | null)?.[reference.JsonField];
  return typeof value === 'string' && value !== '' ? { value } : { problem: 'the secret has no text in that field' };
}
