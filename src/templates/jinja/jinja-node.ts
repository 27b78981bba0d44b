/**
 * The nunjucks AST as this renderer reads it (nunjucks/src/nodes.js, 3.2.4): every node has a `typename`, a
 * 0-based `lineno`/`colno`, and the fields its class declares. Typed loosely on purpose: the parser is nunjucks',
 * the semantics are Jinja2's (evaluate.ts, execute.ts).
 */
export interface JNode {
  typename: string;
  lineno: number;
  colno: number;
  children?: JNode[];
  value?: unknown;
  target?: JNode;
  val?: JNode;
  name?: JNode;
  args?: JNode;
  left?: JNode;
  right?: JNode;
  cond?: JNode;
  body?: JNode;
  else_?: JNode | null;
  arr?: JNode;
  targets?: JNode[];
  expr?: JNode;
  ops?: JNode[];
  type?: string;
  key?: JNode;
  extName?: string;
  prop?: string;
  contentArgs?: JNode[];
}

/** The ordered child nodes of a NodeList-like node. */
export function childrenOf(node: JNode | null | undefined): JNode[] {
  return node?.children ?? [];
}

/** 1-based line and column of a node, for messages. */
export function positionOf(node: JNode): { line: number; column: number } {
  return { line: node.lineno + 1, column: node.colno + 1 };
}
