/**
 * Build-time tool: ../shared/data/k8s (Kubernetes 1.36 swagger, spark-operator v2.5.2 and Kueue v0.19.2 CRDs, the
 * 1.28 enum overlay) → schemas/<id>.schema.json, one strict draft-07 schema per kind (src/templates template-kinds).
 * Usage: node --import tsx scripts/build-schemas.ts [--check] [dataDir] — --check exits 1 when schemas/ differs.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  buildDefinitions, isObject, OBJECT_META, pinResource, toSchemaDocument, toStrictNode,
  type EnumOverlay, type JsonObject,
} from './schema-transform.js';
import { kubernetesSectionRoots, sparkSectionSchema, sparkTemplateRoot } from './spark-template-schema.js';

const repoRoot = resolve(__dirname, '..');
export const defaultDataDir = resolve(repoRoot, '..', 'shared', 'data', 'k8s');
export const schemasDir = join(repoRoot, 'schemas');

interface SourceData {
  definitions: JsonObject;
  enums: EnumOverlay;
  crd(file: string): JsonObject;
}

function loadSources(dataDir: string): SourceData {
  const swagger = JSON.parse(readFileSync(join(dataDir, 'kubernetes-openapi-v1.36.json'), 'utf8')) as JsonObject;
  const enumFile = JSON.parse(readFileSync(join(dataDir, 'kubernetes-enums-v1.28.json'), 'utf8')) as JsonObject;
  return {
    definitions: isObject(swagger.definitions) ? swagger.definitions : {},
    enums: (isObject(enumFile.enums) ? enumFile.enums : {}) as EnumOverlay,
    crd: (file) => parseYaml(readFileSync(join(dataDir, file), 'utf8')) as JsonObject,
  };
}

function builtinSchema(src: SourceData, id: string, def: string, apiVersion: string, kind: string): JsonObject {
  const definitions = buildDefinitions(src.definitions, [def], src.enums);
  const root = definitions[def] as JsonObject;
  delete definitions[def];
  return toSchemaDocument(id, `${kind} (${apiVersion}), Kubernetes 1.36`, pinResource(root, apiVersion, kind), definitions);
}

/** A CRD version's openAPIV3Schema in strict form, with metadata typed as ObjectMeta. */
function crdRoot(crd: JsonObject, version: string): { root: JsonObject; apiVersion: string; kind: string } {
  const spec = crd.spec as JsonObject;
  const names = spec.names as JsonObject;
  const versions = spec.versions as JsonObject[];
  const entry = versions.find((v) => v.name === version);
  const raw = ((entry?.schema ?? {}) as JsonObject).openAPIV3Schema ?? {};
  const root = toStrictNode(raw) as JsonObject;
  const apiVersion = `${String(spec.group)}/${version}`;
  const kind = String(names.kind);
  const pinned = pinResource(root, apiVersion, kind);
  (pinned.properties as JsonObject).metadata = { $ref: `#/definitions/${OBJECT_META}` };
  return { root: pinned, apiVersion, kind };
}

function crdSchema(src: SourceData, id: string, file: string, version: string, source: string): JsonObject {
  const { root, apiVersion, kind } = crdRoot(src.crd(file), version);
  const definitions = buildDefinitions(src.definitions, [OBJECT_META], src.enums);
  return toSchemaDocument(id, `${kind} (${apiVersion}), ${source}`, root, definitions);
}

function sparkTemplateSchema(src: SourceData): JsonObject {
  const { root } = crdRoot(src.crd('sparkapplications.sparkoperator.k8s.io.yaml'), 'v1beta2');
  const definitions = buildDefinitions(src.definitions, [OBJECT_META, ...kubernetesSectionRoots], src.enums);
  const title = 'Airflow SparkKubernetesOperator application_file (spark + kubernetes), spark-operator v2.5.2';
  return toSchemaDocument('spark-template', title, sparkTemplateRoot(sparkSectionSchema(root)), definitions);
}

const KUEUE = [
  ['kueue-local-queue', 'kueue-localqueues.kueue.x-k8s.io.yaml'],
  ['kueue-cluster-queue', 'kueue-clusterqueues.kueue.x-k8s.io.yaml'],
  ['kueue-workload', 'kueue-workloads.kueue.x-k8s.io.yaml'],
  ['kueue-resource-flavor', 'kueue-resourceflavors.kueue.x-k8s.io.yaml'],
  ['kueue-workload-priority-class', 'kueue-workloadpriorityclasses.kueue.x-k8s.io.yaml'],
] as const;

/** Every generated schema by id. task.schema.json is not here: the renderer generates it from src/operators. */
export function buildSchemas(dataDir = defaultDataDir): Map<string, JsonObject> {
  const src = loadSources(dataDir);
  const out = new Map<string, JsonObject>();
  out.set('pod', builtinSchema(src, 'pod', 'io.k8s.api.core.v1.Pod', 'v1', 'Pod'));
  out.set('job', builtinSchema(src, 'job', 'io.k8s.api.batch.v1.Job', 'batch/v1', 'Job'));
  const spark = 'spark-operator v2.5.2';
  out.set('spark-application',
    crdSchema(src, 'spark-application', 'sparkapplications.sparkoperator.k8s.io.yaml', 'v1beta2', spark));
  out.set('scheduled-spark-application', crdSchema(src, 'scheduled-spark-application',
    'scheduledsparkapplications.sparkoperator.k8s.io.yaml', 'v1beta2', spark));
  out.set('spark-template', sparkTemplateSchema(src));
  for (const [id, file] of KUEUE) {
    for (const version of ['v1beta2', 'v1beta1']) {
      out.set(`${id}-${version}`, crdSchema(src, `${id}-${version}`, file, version, 'Kueue v0.19.2'));
    }
  }
  return out;
}

/** The exact file text for a schema (stable key order, 1-space indent keeps the files small but diffable). */
export function toSchemaText(schema: JsonObject): string {
  return `${JSON.stringify(schema, null, 1)}\n`;
}

/** Schema ids whose committed file differs from a fresh build (missing files count). */
export function findStaleSchemas(dataDir = defaultDataDir, dir = schemasDir): string[] {
  const stale: string[] = [];
  for (const [id, schema] of buildSchemas(dataDir)) {
    const file = join(dir, `${id}.schema.json`);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== toSchemaText(schema)) stale.push(id);
  }
  return stale;
}

function runCli(argv: string[]): number {
  const check = argv.includes('--check');
  const dataDir = argv.find((a) => !a.startsWith('--')) ?? defaultDataDir;
  if (check) {
    const stale = findStaleSchemas(dataDir);
    for (const id of stale) process.stderr.write(`schemas/${id}.schema.json is out of date\n`);
    return stale.length === 0 ? 0 : 1;
  }
  mkdirSync(schemasDir, { recursive: true });
  for (const [id, schema] of buildSchemas(dataDir)) {
    writeFileSync(join(schemasDir, `${id}.schema.json`), toSchemaText(schema));
  }
  process.stderr.write(`wrote schemas to ${schemasDir}\n`);
  return 0;
}

if (require.main === module) process.exitCode = runCli(process.argv.slice(2));
