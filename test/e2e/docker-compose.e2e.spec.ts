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
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };

  it('runs EventStoreDB, Kafka, MongoDB 7 and Rapport built from the Dockerfile, each with a health check', () => {
    const { eventstoredb, kafka, mongodb, rapport } = compose.services;
    expect([eventstoredb?.image, kafka?.image, mongodb?.image]).toEqual([expect.stringMatching(/^eventstore\/eventstore:/), expect.stringMatching(/^apache\/kafka:3\.9/), 'mongo:7']);
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
    expect(read.filter((name) => !(name in environment))).toEqual([]);
    expect(environment).toMatchObject({ EVENTSTORE_CONNECTION_STRING: expect.stringContaining('eventstoredb:2113'), MONGO_URL: expect.stringContaining('mongodb:27017'), KAFKA_BROKERS: 'kafka:9092' });
  });

  it('the Dockerfile builds in stages and runs as a non-root user with a health check', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });
});
