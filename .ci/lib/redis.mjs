// Finds or starts Redis: REDIS_URL if set; else a Redis on 127.0.0.1:6379; else
// `redis-server` from PATH on a private port without persistence; else, as root on
// Debian/Ubuntu, installs redis-server with apt-get first.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { commandExists, fail, freePort, isRoot, run, say, waitFor } from './proc.mjs';

/** Resolves true when a Redis answers PING on host:port. */
export function redisAnswers(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    let reply = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(800, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
  });
}

export async function installRedisServer() {
  if (!isRoot() || !commandExists('apt-get')) return false;
  say('redis-server is not installed; installing it with apt-get …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let code = await run('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { env });
  if (code !== 0) {
    await run('apt-get', ['update'], { env });
    code = await run('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { env });
  }
  return code === 0 && commandExists('redis-server');
}

/**
 * @param {{ privateOnly?: boolean }} options privateOnly: always start a private server
 * @returns {Promise<{ url: string, stop: () => Promise<void>, description: string }>}
 */
export async function ensureRedis({ privateOnly = false } = {}) {
  if (!privateOnly && process.env.REDIS_URL) {
    return { url: process.env.REDIS_URL, stop: async () => undefined, description: 'REDIS_URL' };
  }
  if (!privateOnly && (await redisAnswers(6379))) {
    return {
      url: 'redis://127.0.0.1:6379',
      stop: async () => undefined,
      description: 'Redis on 127.0.0.1:6379',
    };
  }
  if (!commandExists('redis-server') && !(await installRedisServer())) {
    fail(
      'Redis is needed but none is running and redis-server is not installed. ' +
        'Install it (Debian/Ubuntu: sudo apt-get install redis-server) or set REDIS_URL.',
    );
  }
  const port = await freePort(6390);
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  await waitFor(async () => exited || (await redisAnswers(port)), {
    timeoutMs: 10_000,
    what: 'redis-server',
  });
  if (exited) fail(`redis-server exited at once (port ${port})`);
  return {
    url: `redis://127.0.0.1:${port}`,
    description: `private redis-server on port ${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
