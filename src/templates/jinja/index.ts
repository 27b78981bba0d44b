/**
 * Jinja templating as Airflow does it (issue 17): one template (`renderTemplate`), the run context per Airflow
 * major (`buildContext`), and an operator's templated fields (`renderTemplateFields`). Pure: file reads and
 * randomness come from the caller.
 */
export type { TemplateError, TemplateResult, RenderTemplateOptions } from './render-template.js';
export { renderTemplate } from './render-template.js';
export type { RunValues, ConnectionValues } from './context.js';
export { buildContext, mergeParams } from './context.js';
export type { RenderFieldsOptions, RenderedFields } from './render-fields.js';
export { renderTemplateFields, templateFieldsOf } from './render-fields.js';
export { templateExtensions } from './model-fields.js';
export type { RunInput } from './render-run.js';
export { renderTaskTemplates, parseRunJson, parseLogicalDate, airflowMajorOf } from './render-run.js';
