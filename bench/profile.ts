import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { round } from './harness.js';

/** Where a server's CPU went, read from the profiles its processes wrote (`node --cpu-prof`). */
export interface CpuProfileSummary {
  processes: number;
  /** Seconds sampled in all, and of them the busy ones (not idle). */
  sampledSeconds: number;
  busySeconds: number;
  /** Busy time by where the code lives: a package, a folder of the server, Node's own, the garbage collector. */
  byPlace: Array<{ place: string; share: number }>;
  /** The functions with the most time of their own. */
  byFunction: Array<{ name: string; place: string; share: number }>;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(['(idle)', '(program)']);

export async function summariseProfiles(directory: string, top = 12): Promise<CpuProfileSummary> {
  const files = (await readdir(directory)).filter((name) => name.endsWith('.cpuprofile'));
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, { name: string; place: string; micros: number }>();
  let sampled = 0;
  let busy = 0;
  for (const file of files) {
    const profile = JSON.parse(await readFile(join(directory, file), 'utf8')) as Profile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    // Each sample's time is the delta to the next one.
    profile.samples.forEach((id, index) => {
      const micros = profile.timeDeltas[index + 1] ?? 0;
      const node = nodes.get(id)!;
      sampled += micros;
      const name = node.callFrame.functionName || '(anonymous)';
      if (IDLE.has(name)) return;
      busy += micros;
      const place = placeOf(node.callFrame.url, name);
      byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
      const key = `${name} ${node.callFrame.url}:${node.callFrame.lineNumber + 1}`;
      const entry = byFunction.get(key) ?? { name: `${name} (${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1})`, place, micros: 0 };
      entry.micros += micros;
      byFunction.set(key, entry);
    });
  }
  const share = (micros: number) => round((micros / (busy || 1)) * 100, 1);
  return {
    processes: files.length,
    sampledSeconds: round(sampled / 1e6, 1),
    busySeconds: round(busy / 1e6, 1),
    byPlace: [...byPlace]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([place, micros]) => ({ place, share: share(micros) })),
    byFunction: [...byFunction.values()]
      .sort((a, b) => b.micros - a.micros)
      .slice(0, top)
      .map((entry) => ({ name: entry.name, place: entry.place, share: share(entry.micros) })),
  };
}

/** A package by its name, the project's code by its folder, Node's own code, or V8's. */
function placeOf(url: string, name: string): string {
  if (name === '(garbage collector)') return 'garbage collection';
  if (!url) return 'V8 and native code';
  if (url.startsWith('node:')) return 'Node.js itself';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const project = url.match(/\/(server\/src\/[^/]+|bench)\//);
  return project ? project[1] : 'other';
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const project = url.match(/\/((server|bench)\/.*)$/);
  return project ? project[1] : url.replace(/^file:\/\//, '');
}
