import zlib from 'node:zlib';
import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';
import type { KeptAnswer, KeptBody } from '../graphql/kept-answers.js';

/** Below this an answer goes as it is: compressing would save less than its headers cost. */
const SMALLEST_COMPRESSED = 1024;

const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } };

/**
 * The API's answers (JSON sent whole by the GraphQL integration) compressed in one synchronous
 * call each: a 20 kB roster page takes a fraction of a millisecond, where a compressing stream per
 * answer (the `compression` middleware) hops through the thread pool and took a third of the
 * server's throughput. A phone on a weak signal gets a roster in a fifth of the bytes.
 */
export function compressedAnswers(): RequestHandler {
  return (request, response, next) => {
    const send = response.send.bind(response);
    response.send = (given?: unknown) => {
      // A kept answer goes as kept: its text, and each compressed form, made once for every viewer.
      const kept = (response.locals.keptBody as KeptBody | undefined)?.answer;
      const body = kept ? kept.json() : given;
      if (typeof body !== 'string' || body.length < SMALLEST_COMPRESSED || response.getHeader('content-encoding')) return send(body);
      response.vary('Accept-Encoding');
      const encoding = request.acceptsEncodings('br', 'gzip', 'identity');
      if (encoding !== 'br' && encoding !== 'gzip') return send(body);
      return send(encoded(response, encoding, kept ? keptEncoded(kept, encoding) : compressed(body, encoding)));
    };
    next();
  };
}

function compressed(text: string, encoding: 'br' | 'gzip'): Buffer {
  return encoding === 'br' ? zlib.brotliCompressSync(text, BROTLI) : zlib.gzipSync(text);
}

const keptEncodings = new WeakMap<KeptAnswer, Map<'br' | 'gzip', Buffer>>();

/** A kept answer compressed, once for each encoding asked for, for as long as the answer is kept. */
function keptEncoded(answer: KeptAnswer, encoding: 'br' | 'gzip'): Buffer {
  let forms = keptEncodings.get(answer);
  if (!forms) keptEncodings.set(answer, (forms = new Map()));
  let bytes = forms.get(encoding);
  if (!bytes) forms.set(encoding, (bytes = compressed(answer.json(), encoding)));
  return bytes;
}

function encoded(response: Response, encoding: string, body: Buffer): Buffer {
  response.setHeader('content-encoding', encoding);
  return body;
}

/** Files of the client the build left uncompressed (index.html, files under a kilobyte), compressed as they stream. */
export function compressedFiles(): RequestHandler {
  return compression({ filter: (request: Request, response) => !request.path.startsWith('/graphql') && compression.filter(request, response) });
}
