import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  url: string;
  /** Where the bench's API server tells its pool's waits, when it does. */
  statsUrl?: string;
  /** The process, for its memory. */
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * A server in a process of its own, which prints {"url"} on one line once it serves and stops on
 * SIGTERM. The comparison with the peer runs both servers this way, so that neither shares its
 * core with the bench's HTTP client.
 */
export async function startServerProcess(node: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ServerProcess> {
  const child = spawn(node, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let started: { url: string; statsUrl?: string };
  try {
    started = await new Promise<{ url: string; statsUrl?: string }>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.once('line', (line) => {
        lines.close();
        try {
          resolve(JSON.parse(line) as { url: string; statsUrl?: string });
        } catch {
          reject(new Error(`${args.at(-1)} printed ${line.slice(0, 200)}`));
        }
      });
      child.once('error', reject);
      child.once('exit', (code, signal) => reject(new Error(`${args.at(-1)} stopped before it served (exit ${code ?? signal})`)));
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    ...started,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
