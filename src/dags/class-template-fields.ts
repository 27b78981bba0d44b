/**
 * A subclass's `template_fields` in a DAG file (issue 17), read from the class body:
 *   template_fields = (*KubernetesPodOperator.template_fields, "service_account_name")
 *   template_fields: Sequence[str] = KubernetesPodOperator.template_fields + ("service_account_name",)
 *   template_fields = ["image", "namespace"]            (replaces the operator's list)
 * A reference to `<Base>.template_fields` (spread or `+`) keeps the operator's fields; the string literals are added.
 * Anything else (a computed list) is not followed: the operator's own fields are used and a note says so.
 */
import type { Node } from 'web-tree-sitter';

export interface ClassTemplateFields {
  /** True when the base class's `template_fields` are kept (spread or concatenated). */
  extendsBase: boolean;
  /** The field names written as string literals, in order. */
  names: string[];
}

function assignmentOf(body: Node, name: string): Node | undefined {
  for (const statement of body.namedChildren) {
    const expression = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    if (expression?.type !== 'assignment') continue;
    if (expression.childForFieldName('left')?.text === name) return expression.childForFieldName('right') ?? undefined;
  }
  return undefined;
}

function collect(node: Node, out: ClassTemplateFields): boolean {
  switch (node.type) {
    case 'string': {
      const content = node.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
      out.names.push(content);
      return true;
    }
    case 'attribute':
      if (node.childForFieldName('attribute')?.text !== 'template_fields') return false;
      out.extendsBase = true;
      return true;
    case 'list_splat':
    case 'parenthesized_expression':
      return node.namedChildren.every((c) => !c || collect(c, out));
    case 'tuple':
    case 'list':
    case 'set':
      return node.namedChildren.every((c) => !c || c.type === 'comment' || collect(c, out));
    case 'binary_operator': {
      const [left, right] = [node.childForFieldName('left'), node.childForFieldName('right')];
      return node.childForFieldName('operator')?.type === '+' && !!left && !!right && collect(left, out) && collect(right, out);
    }
    default:
      return false;
  }
}

/**
 * The `template_fields` a class body sets; undefined when it sets none, `'unreadable'` when the value is computed
 * in a way this reader does not follow.
 */
export function readClassTemplateFields(classNode: Node): ClassTemplateFields | 'unreadable' | undefined {
  const body = classNode.childForFieldName('body');
  const value = body ? assignmentOf(body, 'template_fields') : undefined;
  if (!value) return undefined;
  const out: ClassTemplateFields = { extendsBase: false, names: [] };
  return collect(value, out) ? out : 'unreadable';
}
