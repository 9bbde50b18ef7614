import { existsSync, readFileSync } from 'node:fs';
import type { Page, Response } from 'playwright-core';

const CLIENT_DIST = new URL('../../client/dist/', import.meta.url);
const MANIFEST = new URL('.vite/manifest.json', CLIENT_DIST);

/** One entry of Vite's build manifest (client/dist/.vite/manifest.json). */
export interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export type ClientManifest = Record<string, ManifestChunk>;

export function clientBuilt(): boolean {
  return existsSync(MANIFEST);
}

export function readClientManifest(): ClientManifest {
  if (!clientBuilt()) throw new Error('client/dist/.vite/manifest.json is missing: run `npm run build` first.');
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as ClientManifest;
}

/** The files (assets/…) a chunk loads with it: its own, those it imports statically, and their styles. */
function staticClosure(manifest: ClientManifest, keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

const AREA_SOURCE = /^src\/(national|province|club)\//;
const ENGLISH_SOURCE = /^src\/i18n\/(.+\.)?en\.ts$/;

/**
 * What a club's phone must never download, each file with the reason: the province's and the
 * national office's pages and every chunk only they import, the charts, and the English messages
 * (a club in Vietnamese never needs them).
 */
export function chunksOutsideClubArea(manifest: ClientManifest): Map<string, string> {
  const entries = Object.entries(manifest);
  const keysOf = (test: (chunk: ManifestChunk) => boolean) => entries.filter(([, chunk]) => test(chunk)).map(([key]) => key);
  const areaOf = (chunk: ManifestChunk) => AREA_SOURCE.exec(chunk.src ?? '')?.[1];
  const otherAreas = staticClosure(manifest, keysOf((chunk) => areaOf(chunk) === 'national' || areaOf(chunk) === 'province'));
  // Everything else the client may load: the entry, the shell, the club's pages, the shared pages.
  const elsewhere = staticClosure(manifest, keysOf((chunk) => (chunk.isEntry || chunk.isDynamicEntry === true) && areaOf(chunk) !== 'national' && areaOf(chunk) !== 'province' && !ENGLISH_SOURCE.test(chunk.src ?? '')));
  const outside = new Map<string, string>();
  for (const file of otherAreas) if (!elsewhere.has(file)) outside.set(file, 'province or national pages');
  for (const chunk of Object.values(manifest)) {
    if (chunk.name === 'charts') {
      outside.set(chunk.file, 'charts');
      for (const css of chunk.css ?? []) outside.set(css, 'charts');
    }
    if (ENGLISH_SOURCE.test(chunk.src ?? '')) outside.set(chunk.file, 'English messages');
  }
  return outside;
}

/** The manifest's name of an asset file (assets/react-WwsKYJ-P.js → react), for reports. */
export function chunkNameOf(manifest: ClientManifest, file: string): string {
  const chunk = Object.values(manifest).find((candidate) => candidate.file === file);
  return chunk?.name ?? file.replace(/^assets\//, '').replace(/-[\w-]{8}\.(js|css)$/, '.$1');
}

export interface LoadedAsset {
  /** assets/… as in the manifest. */
  file: string;
  kind: 'script' | 'style';
  /** Bytes of the body as sent, compressed when the server compressed it (Chromium's encoded body size). */
  encodedBytes: number;
  /** Content-Encoding of the answer ('' when sent as it is). */
  encoding: string;
  /** Which step of a run loaded it. */
  step: string;
}

/**
 * Records every script and stylesheet of assets/ a page fetches from the network, with the bytes
 * that crossed it. `step` names what the user is doing, so the bytes can be told apart per step.
 */
export function recordAssets(page: Page): { assets: LoadedAsset[]; setStep(step: string): void; settled(): Promise<void> } {
  const assets: LoadedAsset[] = [];
  const pending: Array<Promise<void>> = [];
  let step = 'start';
  const onResponse = (response: Response) => {
    const path = new URL(response.url()).pathname;
    const match = /^\/(assets\/.+\.(js|css))$/.exec(path);
    if (!match) return;
    const current = step;
    pending.push(
      (async () => {
        const [sizes, encoding] = await Promise.all([response.request().sizes(), response.headerValue('content-encoding')]);
        assets.push({ file: match[1], kind: match[2] === 'js' ? 'script' : 'style', encodedBytes: sizes.responseBodySize, encoding: encoding ?? '', step: current });
      })(),
    );
  };
  page.on('response', onResponse);
  return {
    assets,
    setStep(next) {
      step = next;
    },
    /** Waits for the sizes of the answers seen so far (Chromium knows them once each body has arrived). */
    async settled() {
      await Promise.all(pending.splice(0));
    },
  };
}

export function bytesOf(assets: LoadedAsset[], kind: LoadedAsset['kind']): number {
  return assets.filter((asset) => asset.kind === kind).reduce((sum, asset) => sum + asset.encodedBytes, 0);
}
