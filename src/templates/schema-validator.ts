/**
 * Where compiled schemas come from. The core compiles lazily with ajv (tests, development); the extension and the
 * CLI prefer the ajv standalone modules that scripts/build-validators.ts writes at build time (dist/validators),
 * which load in milliseconds. Both give the same errors, so diagnostics do not depend on which one ran.
 */
import Ajv from 'ajv';

/** The part of an ajv ErrorObject the engine reads. */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface SchemaValidator {
  /** Errors for `data` ([] when it is valid). */
  validate(data: unknown): readonly SchemaError[];
  /** The schema without descriptions: resolves schemaPaths to property names for "did you mean". */
  schema: unknown;
}

export interface ValidatorSource {
  /** The validator for a schema id (`pod`, `spark-template`, …), or undefined when that schema is not available. */
  get(schemaId: string): SchemaValidator | undefined;
}

type CompiledFunction = ((data: unknown) => boolean) & { errors?: unknown };

/** Wraps an ajv (or standalone) validate function. */
export function toSchemaValidator(fn: CompiledFunction, schema: unknown): SchemaValidator {
  return {
    schema,
    validate(data) {
      return fn(data) ? [] : ((fn.errors ?? []) as SchemaError[]);
    },
  };
}

/** The ajv options every validator is compiled with, at build time and at run time. */
export const ajvOptions = { allErrors: true, strict: false, validateFormats: false } as const;

/** Drops descriptions and titles (not property names that happen to be called that) to keep compiled code small. */
export function toSchemaSkeleton(schema: unknown, isNameMap = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => toSchemaSkeleton(item));
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (isNameMap) {
      out[key] = toSchemaSkeleton(value);
    } else if (key !== 'description' && key !== 'title' && key !== '$comment') {
      out[key] = toSchemaSkeleton(value, key === 'properties' || key === 'definitions' || key === 'patternProperties');
    }
  }
  return out;
}

/** Compiles on first use; `readSchema` returns the parsed schema JSON or undefined. */
export function createCompilingValidatorSource(readSchema: (schemaId: string) => unknown): ValidatorSource {
  const cache = new Map<string, SchemaValidator | undefined>();
  return {
    get(schemaId) {
      if (!cache.has(schemaId)) {
        const raw = readSchema(schemaId);
        const schema = raw === undefined ? undefined : toSchemaSkeleton(raw);
        const ajv = new Ajv(ajvOptions);
        cache.set(schemaId, schema === undefined ? undefined
          : toSchemaValidator(ajv.compile(schema as object) as CompiledFunction, schema));
      }
      return cache.get(schemaId);
    },
  };
}

/** A precompiled module (`module.exports = validate; module.exports.schema = skeleton`) as a validator. */
export function fromPrecompiledModule(mod: unknown): SchemaValidator | undefined {
  if (typeof mod !== 'function') return undefined;
  return toSchemaValidator(mod as CompiledFunction, (mod as { schema?: unknown }).schema);
}

/** Tries each source in order (precompiled first, then compiling). */
export function chainValidatorSources(...sources: ValidatorSource[]): ValidatorSource {
  return {
    get(schemaId) {
      for (const source of sources) {
        const found = source.get(schemaId);
        if (found) return found;
      }
      return undefined;
    },
  };
}
