import { deploymentFailure, MAX_REASON_BYTES } from '../../lambda/failure';

const jsonBytes = (text: string) => Buffer.byteLength(JSON.stringify(text), 'utf8');

describe('deploymentFailure', () => {
  test('a message that fits is kept whole, without stack frames for the framework to append', () => {
    const error = deploymentFailure('Storage "photos" (app d1, environment dev): CreateBackendStorage job 1 FAILED: Bucket name already taken');
    expect(error.message).toBe('Storage "photos" (app d1, environment dev): CreateBackendStorage job 1 FAILED: Bucket name already taken');
    expect(error.stack).toBe(`Error: ${error.message}`);
  });

  test.each([
    ['a 7 KB text of CloudFormation events', 'Resource handler returned message: "Bucket already exists" (RequestToken: abc, HandlerErrorCode: AlreadyExists)\n'.repeat(70)],
    ['quotes and backslashes', '"\\'.repeat(4_000)],
    ['control characters', '\u0001'.repeat(4_000)],
    ['characters outside the BMP', '😀'.repeat(3_000)],
  ])('%s is cut to fit, keeping its start and saying where the whole text is', (_, text) => {
    const message = `Storage "photos" (app d1, environment dev): CreateBackendStorage job 1 FAILED: ${text}`;
    const cut = deploymentFailure(message).message;
    expect(jsonBytes(cut)).toBeLessThanOrEqual(MAX_REASON_BYTES);
    expect(jsonBytes(cut)).toBeGreaterThan(MAX_REASON_BYTES - 40);
    const [kept, note] = cut.split(' … [');
    expect(message.startsWith(kept)).toBe(true);
    expect(note).toBe(`${message.length - kept.length} more characters: the whole text is in the handler's log]`);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  test('a multi-line message keeps a one-line stack, so that the framework does not append its later lines to the reason again', () => {
    const error = deploymentFailure('Storage "photos" (app d1, environment dev): CreateBackendStorage job 1 FAILED: first line\nsecond line');
    expect(error.message).toBe('Storage "photos" (app d1, environment dev): CreateBackendStorage job 1 FAILED: first line\nsecond line');
    expect(error.stack).toBe('Error: Storage "photos" (app d1, environment dev): CreateBackendStorage job 1 FAILED: first line');
  });
});
