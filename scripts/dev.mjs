import { spawn } from 'node:child_process';
import readline from 'node:readline';

const isWindows = process.platform === 'win32';
const npx = isWindows ? 'npx.cmd' : 'npx';
const apiPort = process.env.API_PORT || '4000';

const definitions = [
  {
    name: 'api',
    args: ['tsx', 'watch', 'server/src/main.ts'],
    env: { PORT: apiPort, API_PORT: apiPort, SERVE_CLIENT: 'false' },
  },
  {
    name: 'web',
    args: ['vite', '--config', 'client/vite.config.ts'],
    env: { API_PORT: apiPort },
  },
];

let stopping = false;
const children = definitions.map(start);

function start({ name, args, env }) {
  // Each child leads its own process group so a signal reaches npx and the tool it runs.
  const child = spawn(npx, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: !isWindows,
    shell: isWindows,
  });
  prefixLines(child.stdout, process.stdout, name);
  prefixLines(child.stderr, process.stderr, name);
  child.on('error', (error) => console.error(`[dev] ${name} could not start: ${error.message}`));
  child.on('close', (code, signal) => onChildExit(name, code, signal));
  return child;
}

function prefixLines(input, output, name) {
  readline.createInterface({ input }).on('line', (line) => output.write(`[${name}] ${line}\n`));
}

function isRunning(child) {
  return child.exitCode === null && child.signalCode === null;
}

function signalChild(child, signal) {
  if (!isRunning(child)) return;
  try {
    if (isWindows) child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function onChildExit(name, code, signal) {
  if (!stopping) {
    console.error(`[dev] ${name} exited (${signal ?? `code ${code}`}), stopping the other process`);
    process.exitCode = code ?? 1;
    stopAll('SIGTERM');
  }
  if (!children.some(isRunning)) process.exit(process.exitCode ?? 0);
}

function stopAll(signal) {
  stopping = true;
  for (const child of children) signalChild(child, signal);
  setTimeout(() => {
    for (const child of children) signalChild(child, 'SIGKILL');
    process.exit(process.exitCode ?? 1);
  }, 10_000).unref();
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    process.exitCode ??= 0;
    stopAll(signal);
  });
}
