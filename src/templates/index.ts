/** Public surface of the template engine (pure: no vscode, no I/O). */
export type { TemplateKind, KindInfo } from './template-kinds.js';
export { templateKinds, findKindInfo, listSchemaIds, schemaIdFor } from './template-kinds.js';
export type { TemplateDiagnostic, RawDiagnostic, QuickFix, TextEdit } from './template-diagnostic.js';
export type { ParseLimits } from './parse-limits.js';
export { defaultParseLimits } from './parse-limits.js';
export type { SchemaValidator, SchemaError, ValidatorSource } from './schema-validator.js';
export {
  ajvOptions, chainValidatorSources, createCompilingValidatorSource, fromPrecompiledModule, toSchemaSkeleton,
} from './schema-validator.js';
export type { Detection, DetectedBy, Modeline } from './detect-kind.js';
export { detectKindFromContent, detectKindFromFileName, parseModeline } from './detect-kind.js';
export { maskJinja, findJinja } from './jinja-mask.js';
export type { TemplateValidation, ValidateTemplateOptions } from './validate-template.js';
export { validateTemplate } from './validate-template.js';
export { lintCodes } from './lint-codes.js';
export type { LintCode } from './lint-codes.js';
export { toSchemaModeline, hasSchemaModeline, planSchemaModeline } from './schema-modeline.js';
export { applyEdits } from './apply-edits.js';
export * from './jinja/index.js';
