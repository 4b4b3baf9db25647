import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { describeSkipped } from '../support/integration-server';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const MANIFESTS = join(ROOT, 'deploy', 'kubernetes');
const KUBECONFORM = join(ROOT, 'scripts', 'kubeconform.sh');

interface Resource {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly spec?: Record<string, unknown>;
  readonly [field: string]: unknown;
}

interface Container {
  readonly name: string;
  readonly readinessProbe?: unknown;
  readonly livenessProbe?: unknown;
  readonly resources?: { readonly requests?: Record<string, string> };
}

function manifests(): Resource[] {
  return readdirSync(MANIFESTS)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) => parseAllDocuments(readFileSync(join(MANIFESTS, file), 'utf8')).map((d) => d.toJS() as Resource))
    .filter((resource) => resource !== null);
}

async function kubeconform(...paths: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(KUBECONFORM, paths, { maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error: unknown) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

function podTemplateOf(workload: Resource): {
  metadata: { labels: Record<string, string> };
  spec: { containers: Container[]; initContainers?: Container[] };
} {
  return (workload.spec as { template: never }).template;
}

const all = manifests();
const yamlFileCount = readdirSync(MANIFESTS).filter((file) => file.endsWith('.yaml')).length;
const workloads = (resources: Resource[]) => resources.filter((r) => r.kind === 'Deployment' || r.kind === 'StatefulSet');

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  it('holds Rapport (3 instances), a 3-node EventStoreDB cluster, 3 Kafka nodes and a 3-member MongoDB replica set', () => {
    const replicas = Object.fromEntries(workloads(all).map((w) => [w.metadata.name, (w.spec as { replicas: number }).replicas]));
    expect(replicas).toEqual({ rapport: 3, eventstoredb: 3, kafka: 3, mongodb: 3 });
    expect(all.every((r) => r.kind === 'Namespace' || r.metadata.namespace === 'rapport')).toBe(true);
  });

  it.each(workloads(all).map((w) => [w.metadata.name, w] as const))(
    '%s: every container has readiness and liveness probes and resource requests, and a PodDisruptionBudget covers it',
    (_name, workload) => {
      const template = podTemplateOf(workload);
      for (const container of template.spec.containers) {
        expect({ container: container.name, readiness: !!container.readinessProbe, liveness: !!container.livenessProbe }).toEqual({
          container: container.name,
          readiness: true,
          liveness: true,
        });
      }
      for (const container of [...template.spec.containers, ...(template.spec.initContainers ?? [])]) {
        expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
      }
      const budgets = all.filter((r) => r.kind === 'PodDisruptionBudget');
      const covering = budgets.filter((b) => {
        const selector = (b.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
        return Object.entries(selector).every(([key, value]) => template.metadata.labels[key] === value);
      });
      expect(covering).toHaveLength(1);
    },
  );

  it('names only Secrets and ConfigMaps that the folder defines', () => {
    const text = readdirSync(MANIFESTS)
      .map((file) => readFileSync(join(MANIFESTS, file), 'utf8'))
      .join('\n');
    const secretRefs = [...text.matchAll(/secretKeyRef: \{name: ([a-z0-9-]+)/g), ...text.matchAll(/secretName: ([a-z0-9-]+)/g)].map(
      (m) => m[1],
    );
    const configRefs = [...text.matchAll(/configMapRef: \{name: ([a-z0-9-]+)/g)].map((m) => m[1]);
    const secrets = new Set(all.filter((r) => r.kind === 'Secret').map((r) => r.metadata.name));
    const configMaps = new Set(all.filter((r) => r.kind === 'ConfigMap').map((r) => r.metadata.name));
    expect(secretRefs.length).toBeGreaterThan(0);
    expect(secretRefs.filter((name) => !secrets.has(name))).toEqual([]);
    expect(configRefs.filter((name) => !configMaps.has(name))).toEqual([]);
  });
});

const missingTool = ['go', 'python3'].find(
  (tool) =>
    !process.env.PATH?.split(':').some((dir) => {
      try {
        return readdirSync(dir).includes(tool);
      } catch {
        return false;
      }
    }),
);

if (missingTool) {
  describeSkipped(
    'kubeconform -strict',
    `needs ${missingTool} (kubeconform is built from the Go module proxy, its schemas come from PyPI)`,
  );
} else {
  describe('kubeconform -strict over deploy/kubernetes', () => {
    jest.setTimeout(10 * 60_000);

    it('finds every resource valid, none skipped', async () => {
      const { code, output } = await kubeconform(MANIFESTS);
      expect({ code, summary: /Summary: .*/.exec(output)?.[0] }).toEqual({
        code: 0,
        summary: `Summary: ${all.length} resources found in ${yamlFileCount} files - Valid: ${all.length}, Invalid: 0, Errors: 0, Skipped: 0`,
      });
    });

    it('refuses a manifest with a field Kubernetes does not know', async () => {
      const broken = readFileSync(join(MANIFESTS, 'rapport.yaml'), 'utf8').replace(
        'terminationGracePeriodSeconds: 60',
        'terminationGracePeriodSeconds: 60\n      restartEverything: true',
      );
      const file = join(mkdtempSync(join(tmpdir(), 'rapport-k8s-')), 'rapport.yaml');
      writeFileSync(file, broken);
      const { code, output } = await kubeconform(file);
      expect(code).toBe(1);
      expect(output).toContain("additional properties 'restartEverything' not allowed");
    });
  });
}
