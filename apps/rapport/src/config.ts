import { DEFAULT_MAX_CLOCK_SKEW_MS, defaultPolicySet, type PolicySet } from '@rapport/customer-domain';
import { join, resolve } from 'node:path';
import { policyFromEnvironment } from './policy-file';
import { parseApiKeys, type ApiKeyRecord } from './security/api-keys';
import { SIGNALS_TOPIC } from './signals/customer-signals';

/** Everything Rapport reads from its environment (api.md "Configuration"). */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Set: EventStoreDB; unset: the embedded SQLite store under dataDir. */
  readonly eventStoreConnectionString?: string;
  /** Base64 32-byte key that wraps the per-customer data keys; unset: a key file under dataDir. */
  readonly masterKey?: string;
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  readonly security: SecurityConfig;
  /** Set (KAFKA_BROKERS): Kafka ingestion (design.md §6); unset: commands arrive by HTTP and the CLI importer only. */
  readonly kafka?: KafkaConfig;
  /** Set (MONGO_URL): read models in MongoDB; unset: the embedded read-model store under dataDir. */
  readonly mongoUrl?: string;
  /** Set (RAPPORT_KEY_STORE_URL, a mongodb:// URL): data keys in MongoDB, shared by every instance; unset: keys.sqlite under dataDir. */
  readonly keyStoreUrl?: string;
  /** Test hook (RAPPORT_TEST_CRASH_AFTER_DOCUMENTS): the live projector SIGKILLs the process mid-batch after this many documents. */
  readonly crashAfterProjectedDocuments?: number;
  /** The versioned policy settings (RAPPORT_POLICY_FILE, issue #12) the decider, read models and sweeps share; unset: the defaults. */
  readonly policy?: PolicySet;
  /** RAPPORT_MAX_CLOCK_SKEW_MS: how far ahead of the clock an occurredAt may lie (default 300000). */
  readonly maxClockSkewMs?: number;
  /** Milliseconds between runs of the time sweeps (RAPPORT_SWEEP_INTERVAL_MS, default 60000; 0 disables). */
  readonly sweepIntervalMs?: number;
  /** RAPPORT_LEASE_MS: how long an instance holds owned work (projector, sagas, sweeps) without renewing; unset: 15 s. */
  readonly leaseMs?: number;
  /** Anchored tamper evidence (issue 14 item 5); unset: anchorConfigOf's defaults under dataDir. */
  readonly anchors?: AnchorConfig;
}

export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

export interface AnchorConfig {
  /** The append-only anchor file (RAPPORT_ANCHOR_FILE, default DATA_DIR/anchors.ndjson). */
  readonly file: string;
  /** Base64 of the 32-byte Ed25519 seed (RAPPORT_ANCHOR_KEY); unset: `keyFile`, made on first use. */
  readonly key?: string;
  readonly keyFile: string;
  /** Seconds between anchors while the service runs (RAPPORT_ANCHOR_INTERVAL_SECONDS, 0 = on demand only). */
  readonly intervalSeconds: number;
}

export interface KafkaConfig {
  readonly brokers: readonly string[];
  /** Input topic, keyed by customer id. */
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly groupId: string;
  /** Partitions of each topic the service creates at start because it is missing. */
  readonly topicPartitions: number;
  /** Messages of one partition handled at once, each customer's in order (unset: the adapter's default). */
  readonly messagesInFlight?: number;
  /**
   * Outbound signals (issue 12 item 4): their topic (RAPPORT_SIGNALS_TOPIC), keyed by customer id.
   * The environment names one unless RAPPORT_SIGNALS_PUBLISHER=off; a config without it publishes none.
   */
  readonly signalsTopic?: string;
  /** Test hook (RAPPORT_TEST_CRASH_AFTER_SIGNALS): the publisher SIGKILLs the process once this many signals were sent, before their commit. */
  readonly crashAfterSignals?: number;
}

/** design.md §7: who may call what, and how the HTTP edge is hardened. */
export interface SecurityConfig {
  /** `disabled` only when RAPPORT_AUTH=disabled is set explicitly (development); logged loudly. */
  readonly auth: 'enabled' | 'disabled';
  /** Keys from RAPPORT_API_KEYS (`name:role:sha256,...`), hashes only. */
  readonly apiKeys: readonly ApiKeyRecord[];
  /** Keys file (JSON, hashes only); the CLI's `keys create` writes to it. */
  readonly apiKeysFile: string;
  /** Requests per second per client; 0 turns the limit off. */
  readonly rateLimitPerSecond: number;
  readonly rateLimitBurst: number;
  /** Requests with an unknown API key per minute per address; 0 turns the limit off. */
  readonly failedAuthPerMinute: number;
  /** Origins allowed by CORS; empty means CORS stays off. */
  readonly corsOrigins: readonly string[];
  readonly metricsPublic: boolean;
  readonly docsPublic: boolean;
}

export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: integer(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    masterKey: env.RAPPORT_MASTER_KEY || undefined,
    sqliteSynchronous: env.SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL',
    security: securityFromEnvironment(env, resolve(env.DATA_DIR ?? './data')),
    kafka: kafkaFromEnvironment(env),
    mongoUrl: env.MONGO_URL || undefined,
    keyStoreUrl: env.RAPPORT_KEY_STORE_URL || undefined,
    sweepIntervalMs: integer(env.RAPPORT_SWEEP_INTERVAL_MS, DEFAULT_SWEEP_INTERVAL_MS, 'RAPPORT_SWEEP_INTERVAL_MS'),
    crashAfterProjectedDocuments: env.RAPPORT_TEST_CRASH_AFTER_DOCUMENTS
      ? integer(env.RAPPORT_TEST_CRASH_AFTER_DOCUMENTS, 0, 'RAPPORT_TEST_CRASH_AFTER_DOCUMENTS')
      : undefined,
    anchors: anchorsFromEnvironment(env, resolve(env.DATA_DIR ?? './data')),
    policy: policyFromEnvironment(env),
    maxClockSkewMs: integer(env.RAPPORT_MAX_CLOCK_SKEW_MS, DEFAULT_MAX_CLOCK_SKEW_MS, 'RAPPORT_MAX_CLOCK_SKEW_MS'),
    leaseMs: env.RAPPORT_LEASE_MS ? positive(env.RAPPORT_LEASE_MS, 'RAPPORT_LEASE_MS') : undefined,
  };
}

export function anchorsFromEnvironment(env: NodeJS.ProcessEnv, dataDir: string): AnchorConfig {
  return {
    file: resolve(env.RAPPORT_ANCHOR_FILE ?? join(dataDir, 'anchors.ndjson')),
    key: env.RAPPORT_ANCHOR_KEY || undefined,
    keyFile: resolve(env.RAPPORT_ANCHOR_KEY_FILE ?? join(dataDir, 'anchor.key')),
    intervalSeconds: integer(env.RAPPORT_ANCHOR_INTERVAL_SECONDS, 300, 'RAPPORT_ANCHOR_INTERVAL_SECONDS'),
  };
}

/** The policy set, defaulted for configs built without one (tests, embedders). */
export function policyOf(config: AppConfig): PolicySet {
  return config.policy ?? defaultPolicySet;
}

/** The anchor settings, defaulted for configs built without them (tests, embedders). */
export function anchorConfigOf(config: AppConfig): AnchorConfig {
  return config.anchors ?? anchorsFromEnvironment({}, config.dataDir);
}

export function kafkaFromEnvironment(env: NodeJS.ProcessEnv): KafkaConfig | undefined {
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) return undefined;
  const topic = env.KAFKA_TOPIC || 'rapport.customer-events.v1';
  return {
    brokers,
    topic,
    deadLetterTopic: env.KAFKA_DLQ_TOPIC || `${topic}.dlq`,
    groupId: env.KAFKA_GROUP_ID || 'rapport-ingestion',
    topicPartitions: Math.max(1, integer(env.KAFKA_TOPIC_PARTITIONS, 6, 'KAFKA_TOPIC_PARTITIONS')),
    messagesInFlight: Math.max(1, integer(env.KAFKA_MESSAGES_IN_FLIGHT, 32, 'KAFKA_MESSAGES_IN_FLIGHT')),
    signalsTopic: env.RAPPORT_SIGNALS_PUBLISHER === 'off' ? undefined : env.RAPPORT_SIGNALS_TOPIC || SIGNALS_TOPIC,
    crashAfterSignals: env.RAPPORT_TEST_CRASH_AFTER_SIGNALS
      ? integer(env.RAPPORT_TEST_CRASH_AFTER_SIGNALS, 0, 'RAPPORT_TEST_CRASH_AFTER_SIGNALS')
      : undefined,
  };
}

export function securityFromEnvironment(env: NodeJS.ProcessEnv, dataDir: string): SecurityConfig {
  const perSecond = integer(env.RAPPORT_RATE_LIMIT, 1_000, 'RAPPORT_RATE_LIMIT');
  return {
    auth: env.RAPPORT_AUTH === 'disabled' ? 'disabled' : 'enabled',
    apiKeys: parseApiKeys(env.RAPPORT_API_KEYS),
    apiKeysFile: resolve(env.RAPPORT_API_KEYS_FILE ?? join(dataDir, 'api-keys.json')),
    rateLimitPerSecond: perSecond,
    rateLimitBurst: integer(env.RAPPORT_RATE_LIMIT_BURST, perSecond * 2, 'RAPPORT_RATE_LIMIT_BURST'),
    failedAuthPerMinute: integer(env.RAPPORT_FAILED_AUTH_LIMIT, 30, 'RAPPORT_FAILED_AUTH_LIMIT'),
    corsOrigins: (env.RAPPORT_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    metricsPublic: env.RAPPORT_METRICS_PUBLIC === 'true',
    docsPublic: env.RAPPORT_DOCS_PUBLIC !== 'false',
  };
}

function positive(value: string, name: string): number {
  const parsed = integer(value, 0, name);
  if (parsed === 0) throw new Error(`${name} must be at least 1 (milliseconds), got ${value}`);
  return parsed;
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, got ${value}`);
  return parsed;
}
