import { ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../client/src/app/errors.js';

function answer(status: number, bodyText: string): ServerError {
  return new ServerError('Response not successful', { response: new Response(bodyText, { status }), bodyText });
}

describe('the client reading an unavailable server', () => {
  it('takes SERVICE_UNAVAILABLE from the server’s 503 answer, and from a bare 503 of a proxy in front of it', () => {
    const fromServer = answer(503, JSON.stringify({ errors: [{ message: 'The database cannot be reached right now.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }));
    expect(errorCodeOf(fromServer)).toBe('SERVICE_UNAVAILABLE');
    expect(errorCodeOf(answer(503, '<html>Service Unavailable</html>'))).toBe('SERVICE_UNAVAILABLE');
  });
});
