import { pendingJobError, serviceError } from './harness';
import { classifyError, serviceText } from '../../lambda/errors';

describe('classifyError', () => {
  test.each([
    ['a 429 under a name nobody documented', serviceError('SomethingNewException', 429, 'slow down'), 'transient'],
    ['a 503 under a name nobody documented', serviceError('SomethingNewException', 503, 'unavailable'), 'transient'],
    ['TooManyRequestsException', serviceError('TooManyRequestsException', 429, 'Rate exceeded'), 'transient'],
    ['LimitExceededException (the REST reference name)', serviceError('LimitExceededException', 429, 'Limit'), 'transient'],
    ['GatewayTimeoutException', serviceError('GatewayTimeoutException', 504, 'Timeout'), 'transient'],
    ['a socket reset without any HTTP status', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'transient'],
    ['a refused connection whose code was lost in wrapping', new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:4000'), 'transient'],
    ['a host name that did not resolve, its code lost in wrapping', new Error('AWS SDK error wrapper for Error: getaddrinfo ENOTFOUND amplifybackend.invalid'), 'transient'],
    ['the SDK request timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'transient'],
    ['a 501 (the SDK calls it a server error)', serviceError('NotImplemented', 501, 'not implemented'), 'transient'],
    ['a network failure wrapped as the cause of another error', new Error('request failed', { cause: Object.assign(new Error('reset'), { code: 'EPIPE' }) }), 'transient'],
    ['a thrown string', 'boom', 'refused'],
    ['"There is already a pending job"', pendingJobError(), 'pending-job'],
    ['NotFoundException', serviceError('NotFoundException', 404, 'not found'), 'not-found'],
    ['a retried import that meets its own bucket', serviceError('BadRequestException', 400, 'The bucket has already been added'), 'already-exists'],
    ['any other BadRequestException', serviceError('BadRequestException', 400, 'Invalid permissions'), 'refused'],
    ['a programming error', new TypeError('x is undefined'), 'refused'],
  ])('%s is %s', (_what, error, expected) => {
    expect(classifyError(error)).toBe(expected);
  });
});

describe('serviceText', () => {
  test('keeps the service error name and its message', () => {
    expect(serviceText(serviceError('BadRequestException', 400, 'Invalid permissions'))).toBe('BadRequestException: Invalid permissions');
  });

  test('a plain error is its message', () => {
    expect(serviceText(new Error('boom'))).toBe('boom');
  });
});
