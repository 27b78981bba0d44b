/**
 * Operators that act on existing objects render as plans: the API call `execute` would make, never made.
 * `KubernetesDeleteJobOperator` / `KubernetesPatchJobOperator` (operators/job.py) and
 * `KubernetesInstallKueueOperator` (operators/kueue.py), provider 10.25.0.
 */
import { OperatorError } from './operator-error.js';
import { isTruthy, pythonRepr, pythonStr, type PyValue } from './py-value.js';

export interface Plan {
  action: 'delete' | 'patch' | 'install';
  method: 'DELETE' | 'PATCH' | 'GET';
  path: string;
  query: Record<string, string>;
  body: PyValue;
  /** Why this call, and what Airflow does around it, in one sentence. */
  note: string;
}

/** `urllib.parse.quote(value, safe='')`, as the Kubernetes client escapes path parameters. */
export function quotePathParam(value: string): string {
  return [...new TextEncoder().encode(value)]
    .map((byte) => {
      const ch = String.fromCharCode(byte);
      return /[A-Za-z0-9_.\-~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

function jobPath(namespace: PyValue, name: PyValue): string {
  return `/apis/batch/v1/namespaces/${quotePathParam(pythonStr(namespace))}/jobs/${quotePathParam(pythonStr(name))}`;
}

export function deleteJobPlan(kwargs: Record<string, PyValue>): Plan {
  const status = kwargs.delete_on_status ?? null;
  if (status !== 'Complete' && status !== 'Failed' && status !== null) {
    const template = "The `delete_on_status` parameter must be one of 'Complete', 'Failed' or None. The current value is %s";
    throw new OperatorError('AirflowException', `(${pythonRepr(template)}, ${pythonRepr(pythonStr(status))})`, ['delete_on_status']);
  }
  const waits = isTruthy(kwargs.wait_for_completion ?? false);
  const when = status === null ? 'whatever its status' : `only if it has a true ${status} condition`;
  return {
    action: 'delete',
    method: 'DELETE',
    path: jobPath(kwargs.namespace ?? null, kwargs.name ?? null),
    query: {},
    body: null,
    note: `${waits ? 'Waits for the Job to finish, then deletes' : 'Reads the Job status, then deletes'} it ${when}; a missing Job (404) is not an error.`,
  };
}

export function patchJobPlan(kwargs: Record<string, PyValue>): Plan {
  return {
    action: 'patch',
    method: 'PATCH',
    path: jobPath(kwargs.namespace ?? null, kwargs.name ?? null),
    query: {},
    body: kwargs.body ?? null,
    note: 'Patches the Job and returns it as a snake_case dict (the XCom).',
  };
}

/** The manifest URL is built from the (rendered) version; every document in it is then created. */
export function installKueuePlan(kwargs: Record<string, PyValue>): Plan {
  const version = pythonStr(kwargs.kueue_version ?? null);
  return {
    action: 'install',
    method: 'GET',
    path: `https://github.com/kubernetes-sigs/kueue/releases/download/${version}/manifests.yaml`,
    query: {},
    body: null,
    note: 'Downloads this manifest, creates every object in it (AlreadyExists is tolerated), then waits for deployment kueue-system/kueue-controller-manager.',
  };
}
