/**
 * An exception Airflow would raise while constructing or building an operator. The renderers mirror Python's
 * control flow, so they throw this deep inside a rule and `renderTask` turns it into a located Problem at its one
 * boundary; nothing else may escape (STYLE.md "Errors": rendering never throws on bad input).
 */
export type PythonExceptionName =
  | 'AirflowException'
  | 'AirflowConfigException'
  | 'TypeError'
  | 'ValueError'
  | 'KeyError'
  | 'AttributeError'
  | 'YAMLError';

export class OperatorError extends Error {
  readonly exception: PythonExceptionName;
  /** The task-file path of the parameter at fault, e.g. `['secrets', 0, 'deploy_type']`. */
  readonly path: readonly (string | number)[];

  constructor(exception: PythonExceptionName, message: string, path: readonly (string | number)[] = []) {
    super(message);
    this.name = 'OperatorError';
    this.exception = exception;
    this.path = path;
  }
}

/** Re-throws `error` with `path` when it carries none yet, so deep rules need not know which parameter fed them. */
export function withPath<T>(path: readonly (string | number)[], run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof OperatorError && error.path.length === 0) {
      throw new OperatorError(error.exception, error.message, path);
    }
    throw error;
  }
}
