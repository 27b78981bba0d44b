/**
 * Reads the Jinja judge's cases (test/conformance/jinja/cases/*.yaml): each case is a task (task-file syntax, with
 * `!dict`), the run it renders for (`run:` conf, params, logical date, native…), the Airflow majors it applies to
 * (both unless `airflow:` says otherwise) and the fields a subclass adds. The task is handed to the driver as JSON
 * and to our parser as its own source text, so both read what the author wrote.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type CollectionTag, type Node } from 'yaml';

export const DICT_MARKER = '$dict';

export interface RunSpec {
  conf?: Record<string, unknown>;
  dag_params?: Record<string, unknown>;
  logical_date?: string | null;
  now: string;
  run_id?: string;
  native?: boolean;
  variables?: Record<string, string>;
  connections?: Record<string, Record<string, unknown>>;
  dag_id?: string;
}

export interface JinjaCase {
  id: string;
  file: string;
  majors: (2 | 3)[];
  operator: string;
  /** For the driver: task_id and kwargs, `!dict` as `{"$dict": …}`. */
  kwargs: Record<string, unknown>;
  /** The task mapping's own text, re-indented, for our task-file parser. */
  taskText: string;
  run: RunSpec;
  extraTemplateFields: string[];
}

const dictTag: CollectionTag = { tag: '!dict', collection: 'map', resolve: (map) => ({ [DICT_MARKER]: map.toJSON() }) as never };
const DEFAULT_RUN = { logical_date: '2024-03-05T06:07:08+00:00', now: '2024-03-06T01:02:03+00:00' };

function sliceNode(text: string, lines: LineCounter, node: Node): string {
  const [start, , end] = node.range ?? [0, 0, 0];
  const column = lines.linePos(start).col - 1;
  return ' '.repeat(column) + text.slice(start, end);
}

function readFile(file: string): JinjaCase[] {
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { customTags: [dictTag], lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
  const cases = doc.get('cases', true);
  if (!isSeq(cases)) throw new Error(`${file}: "cases:" must be a list`);
  return cases.items.map((item) => {
    if (!isMap(item)) throw new Error(`${file}: each case must be a mapping`);
    const taskNode = item.get('task', true) as Node | undefined;
    const json = (item as { toJSON(): Record<string, unknown> }).toJSON();
    const task = json.task as Record<string, unknown> | undefined;
    if (!taskNode || !task || typeof task.operator !== 'string') throw new Error(`${file}: case ${String(json.id)} needs task.operator`);
    const { operator, ...kwargs } = task;
    const majors = (json.airflow as (2 | 3)[] | undefined) ?? [3, 2];
    return {
      id: String(json.id),
      file,
      majors,
      operator,
      kwargs,
      taskText: sliceNode(text, lines, taskNode),
      run: { ...DEFAULT_RUN, ...(json.run as object | undefined) } as RunSpec,
      extraTemplateFields: (json.extra_template_fields as string[] | undefined) ?? [],
    };
  });
}

/** Every case of every `*.yaml` directly in `dir`, sorted by file. */
export function readJinjaCases(dir: string): JinjaCase[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();
  const cases = files.flatMap((name) => readFile(join(dir, name)));
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    seen.add(c.id);
  }
  return cases;
}
