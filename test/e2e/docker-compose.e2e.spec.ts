import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  healthcheck?: { test?: unknown };
  depends_on?: Record<string, { condition?: string }>;
  ports?: string[];
  volumes?: string[];
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const composeFile = (name: string) => parse(readFileSync(join(ROOT, name), 'utf8')) as ComposeFile;

/** Named volumes mounted into a service, as {volume, target}. */
function mounts(service: Service | undefined): { volume: string; target: string }[] {
  return (service?.volumes ?? []).map((entry) => {
    const [volume = '', target = ''] = entry.split(':');
    return { volume, target };
  });
}

/** The named volume holding a file of a service, if the path lies under one of its mounts. */
function volumeHolding(service: Service | undefined, path: string): string | undefined {
  return mounts(service).find(({ target }) => path.startsWith(`${target}/`))?.volume;
}

/** A value as compose would pass it, with `${VAR:?message}` and `${VAR:-default}` filled in. */
const interpolated = (value: string | undefined) => (value ?? '').replace(/\$\{\w+(?::[?-][^}]*)?\}/g, 'example');

/** `NAME://host:port,...` as Kafka's listener settings carry them. */
function listeners(text: string | undefined): { name: string; host: string; port: string }[] {
  return (text ?? '').split(',').map((entry) => {
    const [, name = '', host = '', port = ''] = /^(\w+):\/\/([^:]*):(\d+)$/.exec(entry.trim()) ?? [];
    return { name, host, port };
  });
}

/** Every environment variable the service reads, found in its source (`env.NAME` / `process.env.NAME`). */
function variablesRapportReads(): string[] {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) names.add(match[1] ?? '');
      }
    }
  };
  walk(join(ROOT, 'apps', 'rapport', 'src'));
  return [...names].sort();
}

describe('docker-compose.yml (production stack)', () => {
  const compose = composeFile('docker-compose.yml');

  it('runs EventStoreDB, Kafka, MongoDB 7 and Rapport built from the Dockerfile, each with a health check', () => {
    const { eventstoredb, kafka, mongodb, rapport } = compose.services;
    expect([eventstoredb?.image, kafka?.image, mongodb?.image]).toEqual([
      expect.stringMatching(/^eventstore\/eventstore:/),
      expect.stringMatching(/^apache\/kafka:3\.9/),
      'mongo:7',
    ]);
    expect(rapport?.build).toBe('.');
    for (const [name, service] of Object.entries(compose.services)) {
      if (name !== 'rapport') expect({ name, healthcheck: Boolean(service.healthcheck?.test) }).toEqual({ name, healthcheck: true });
    }
  });

  it('starts Rapport only once the engines are healthy', () => {
    const dependsOn = compose.services.rapport?.depends_on ?? {};
    expect(Object.keys(dependsOn).sort()).toEqual(['eventstoredb', 'kafka', 'mongodb']);
    expect(Object.values(dependsOn).map((d) => d.condition)).toEqual(['service_healthy', 'service_healthy', 'service_healthy']);
  });

  it('sets every variable Rapport reads, and switches every port to its production adapter', () => {
    const environment = compose.services.rapport?.environment ?? {};
    const read = variablesRapportReads();
    expect(read).toEqual(expect.arrayContaining(['EVENTSTORE_CONNECTION_STRING', 'PORT', 'DATA_DIR']));
    // RAPPORT_TEST_* are test hooks (README, Tests), never production settings.
    expect(read.filter((name) => !name.startsWith('RAPPORT_TEST_') && !(name in environment))).toEqual([]);
    expect(environment).toMatchObject({
      EVENTSTORE_CONNECTION_STRING: expect.stringContaining('eventstoredb:2113'),
      MONGO_URL: expect.stringContaining('mongodb:27017'),
      KAFKA_BROKERS: 'kafka:9092',
    });
  });

  it('the Dockerfile builds in stages and runs as a non-root user with a health check', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });

  it("keeps Kafka's topics in its volume: the log dirs are the mounted volume, under a fixed cluster id", () => {
    const kafka = compose.services.kafka;
    const logDirs = kafka?.environment?.KAFKA_LOG_DIRS ?? '';
    expect(logDirs).not.toBe('');
    expect(mounts(kafka)).toContainEqual({ volume: 'kafka-data', target: logDirs });
    expect(Object.keys(compose.volumes ?? {})).toContain('kafka-data');
    expect(kafka?.environment?.CLUSTER_ID).toMatch(/^[\w-]{22}$/);
  });

  it('offers producers on the host a listener at localhost:29092, and the containers one at kafka:9092', () => {
    const env = compose.services.kafka?.environment ?? {};
    const advertised = listeners(env.KAFKA_ADVERTISED_LISTENERS);
    const external = advertised.find((listener) => listener.host === 'localhost');
    expect(external).toEqual({ name: expect.any(String), host: 'localhost', port: '29092' });
    expect(advertised).toContainEqual({ name: env.KAFKA_INTER_BROKER_LISTENER_NAME, host: 'kafka', port: '9092' });
    expect(listeners(env.KAFKA_LISTENERS)).toContainEqual({ name: external?.name, host: '', port: '29092' });
    expect(env.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP?.split(',')).toContain(`${external?.name}:PLAINTEXT`);
    expect(compose.services.kafka?.ports).toContain('29092:29092');
  });

  it('README says where the first admin key appears and how to run EventStoreDB with TLS', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('docker compose logs rapport');
    expect(readme).toContain('docker compose -f docker-compose.yml -f docker-compose.tls.yml up');
    expect(readme).toContain('localhost:29092');
  });
});

describe('docker-compose.tls.yml (EventStoreDB with TLS, over docker-compose.yml)', () => {
  const tls = composeFile('docker-compose.tls.yml');
  const { eventstoredb, rapport } = tls.services;
  const esdb = eventstoredb?.environment ?? {};

  it('turns insecure mode off and gives EventStoreDB its certificate, key and trusted CA from volumes', () => {
    expect(esdb.EVENTSTORE_INSECURE).toBe('false');
    const files = [
      esdb.EVENTSTORE_CERTIFICATE_FILE,
      esdb.EVENTSTORE_CERTIFICATE_PRIVATE_KEY_FILE,
      `${esdb.EVENTSTORE_TRUSTED_ROOT_CERTIFICATES_PATH}/ca.crt`,
    ];
    for (const file of files)
      expect({ file, volume: volumeHolding(eventstoredb, file ?? '') }).toEqual({ file, volume: expect.any(String) });
    expect(eventstoredb?.healthcheck?.test).toEqual(['CMD-SHELL', expect.stringContaining('https://localhost:2113/health/live')]);
  });

  it('makes the certificates before EventStoreDB starts, into the volumes EventStoreDB reads', () => {
    const [maker, condition] = Object.entries(eventstoredb?.depends_on ?? {})[0] ?? [];
    expect(condition).toEqual({ condition: 'service_completed_successfully' });
    const written = mounts(tls.services[maker ?? '']).map(({ volume }) => volume);
    for (const { volume } of mounts(eventstoredb)) expect(written).toContain(volume);
    expect(Object.keys(tls.volumes ?? {}).sort()).toEqual([...written].sort());
  });

  it("connects Rapport over TLS, trusting the CA EventStoreDB's certificate was made with, and nothing more", () => {
    const connection = new URL(interpolated(rapport?.environment?.EVENTSTORE_CONNECTION_STRING));
    expect(connection.searchParams.get('tls')).toBe('true');
    expect(connection.host).toBe('eventstoredb:2113');
    const caFile = connection.searchParams.get('tlsCAFile') ?? '';
    expect(volumeHolding(rapport, caFile)).toBe(volumeHolding(eventstoredb, `${esdb.EVENTSTORE_TRUSTED_ROOT_CERTIFICATES_PATH}/ca.crt`));
    expect(volumeHolding(rapport, caFile)).not.toBe(volumeHolding(eventstoredb, esdb.EVENTSTORE_CERTIFICATE_PRIVATE_KEY_FILE ?? ''));
    expect(mounts(rapport)).toHaveLength(1);
  });
});
