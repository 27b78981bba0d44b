/** Hard limits that bound the work on any input (YAML bombs, huge files, deep nesting). Each one hit is a diagnostic. */
export interface ParseLimits {
  /** Largest text validated, in characters. Real templates are a few KB; 1 Mi chars parse in well under a second. */
  maxSizeChars: number;
  /** Deepest nesting (block and flow levels). Kubernetes manifests stay below 20. */
  maxDepth: number;
  /** Most YAML nodes per document (scalars, maps, sequences). */
  maxNodes: number;
  /** Most alias (`*name`) expansions per document; the `yaml` library counts expanded nodes against it. */
  maxAliases: number;
  /** Most `---` documents per file. */
  maxDocuments: number;
}

export const defaultParseLimits: ParseLimits = {
  maxSizeChars: 1_048_576,
  maxDepth: 100,
  maxNodes: 100_000,
  maxAliases: 100,
  maxDocuments: 200,
};
