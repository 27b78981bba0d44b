/**
 * The two nunjucks 3.2.4 modules the Jinja renderer uses (nunjucks/src/parser.js, nodes.js). Importing them alone
 * keeps nunjucks' file loaders (fs, chokidar) out of the bundle; @types/nunjucks does not declare them.
 */
declare module 'nunjucks/src/parser.js' {
  export function parse(src: string, extensions: unknown[], opts: unknown): unknown;
}
declare module 'nunjucks/src/nodes.js' {
  export const CallExtension: new (ext: unknown, prop: string, args: unknown) => unknown;
  export const NodeList: new (lineno: number, colno: number, children: unknown[]) => unknown;
}
