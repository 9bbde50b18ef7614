import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { startTestServer, type TestServer } from '../support/api.js';
import { ensureClientBuilt } from '../support/browser.js';
import { openTestDatabase, type TestDatabase } from '../support/database.js';

const dist = new URL('../../client/dist/', import.meta.url);
let database: TestDatabase;
let server: TestServer;
let script: string;

beforeAll(async () => {
  ensureClientBuilt();
  database = await openTestDatabase({ seed: false });
  server = await startTestServer(database, { serveClient: true, trustProxy: true });
  // The largest script: the one a slow phone waits for.
  script = readdirSync(new URL('assets/', dist))
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, size: readFileSync(new URL(`assets/${name}`, dist)).length }))
    .sort((a, b) => b.size - a.size)[0].name;
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request: fetch would undo the compression these tests look at. */
function request(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(`${server.url}${path}`, { method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const graphql = (headers: Record<string, string> = {}) =>
  request('/graphql', { 'content-type': 'application/json', ...headers }, 'POST', JSON.stringify({ query: '{ __typename }' }));

describe('security headers', () => {
  it('are on the page, an asset and the API: a CSP without inline script, no framing, nosniff, a referrer policy', async () => {
    for (const answer of [await request('/'), await request(`/assets/${script}`), await graphql()]) {
      expect(answer.status).toBe(200);
      const policy = String(answer.headers['content-security-policy']);
      const directives = Object.fromEntries(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      expect(directives['script-src']).toEqual(["'self'"]);
      expect(directives['default-src']).toEqual(["'self'"]);
      expect(directives['object-src']).toEqual(["'none'"]);
      expect(directives['frame-ancestors']).toEqual(["'none'"]);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(answer.headers['x-powered-by']).toBeUndefined();
      // Plain HTTP: HSTS would mean nothing, and a local install must stay reachable over http.
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('send HSTS when the request came over TLS (through a trusted proxy)', async () => {
    const answer = await request('/', { 'x-forwarded-proto': 'https' });
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('fit the built client: index.html has no inline script', () => {
    const html = readFileSync(new URL('index.html', dist), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, content] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(content.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('caching', () => {
  it('keeps hashed assets a year, immutable', async () => {
    const answer = await request(`/assets/${script}`);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has index.html asked for again every time, also as the fallback of any page address', async () => {
    for (const path of ['/', '/sign-in', '/clubs/123/members', '/favicon.svg']) {
      const answer = await request(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers['cache-control'], path).toBe('no-cache');
    }
    expect(String((await request('/clubs')).headers['content-type'])).toContain('text/html');
  });

  it('lets no cache keep an API answer', async () => {
    expect((await graphql()).headers['cache-control']).toBe('no-store');
  });

  it('answers a missing asset with 404, not with the page', async () => {
    const answer = await request('/assets/no-such-file-0000.js');
    expect(answer.status).toBe(404);
    expect(String(answer.headers['cache-control'] ?? '')).not.toContain('immutable');
  });
});

describe('compression', () => {
  it('sends a script brotli-compressed to a browser that takes br, gzip to one that takes gzip', async () => {
    const original = readFileSync(new URL(`assets/${script}`, dist));
    const brotli = await request(`/assets/${script}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.body.length).toBeLessThan(original.length / 2);
    expect(zlib.brotliDecompressSync(brotli.body).equals(original)).toBe(true);
    // The build's file, compressed at the highest level, not one compressed for this answer.
    expect(brotli.body.equals(readFileSync(new URL(`assets/${script}.br`, dist)))).toBe(true);
    expect(brotli.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const gzip = await request(`/assets/${script}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).equals(original)).toBe(true);
    expect(gzip.body.equals(readFileSync(new URL(`assets/${script}.gz`, dist)))).toBe(true);

    const plain = await request(`/assets/${script}`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });

  it('sends a stylesheet from the build’s brotli file too, and compresses the page as it goes', async () => {
    const stylesheet = readdirSync(new URL('assets/', dist)).find((name) => name.endsWith('.css') && readFileSync(new URL(`assets/${name}`, dist)).length > 10_000);
    expect(stylesheet).toBeDefined();
    const answer = await request(`/assets/${stylesheet}`, { 'accept-encoding': 'br' });
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toMatch(/^text\/css/);
    expect(answer.body.equals(readFileSync(new URL(`assets/${stylesheet}.br`, dist)))).toBe(true);

    const page = await request('/sign-in', { 'accept-encoding': 'gzip' });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(page.body).toString('utf8')).toBe(readFileSync(new URL('index.html', dist), 'utf8'));
  });

  it('compresses the API’s answers too', async () => {
    const answer = await request('/graphql', { 'content-type': 'application/json', 'accept-encoding': 'br' }, 'POST', JSON.stringify({ query: '{ __schema { types { name description } } }' }));
    expect(answer.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(answer.body).toString('utf8')).data.__schema.types.length).toBeGreaterThan(10);
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    expect(answer.headers['content-type']).toMatch(/^application\/(graphql-response\+)?json/);

    const gzipped = await request('/graphql', { 'content-type': 'application/json', 'accept-encoding': 'gzip' }, 'POST', JSON.stringify({ query: '{ __schema { types { name description } } }' }));
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzipped.body).toString('utf8')).toBe(zlib.brotliDecompressSync(answer.body).toString('utf8'));
    const plain = await request('/graphql', { 'content-type': 'application/json' }, 'POST', JSON.stringify({ query: '{ __schema { types { name description } } }' }));
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(zlib.gunzipSync(gzipped.body).toString('utf8'));
    // A short answer goes as it is: compressing it would save less than the headers cost.
    const short = await request('/graphql', { 'content-type': 'application/json', 'accept-encoding': 'br' }, 'POST', JSON.stringify({ query: '{ __typename }' }));
    expect(short.headers['content-encoding']).toBeUndefined();
  });
});

describe('configuration', () => {
  it('listens on 127.0.0.1 unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('trusts X-Forwarded-For only as far as the proxies it is told of', () => {
    expect(loadConfig({}).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });
});
