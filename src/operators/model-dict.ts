/**
 * `Model.to_dict()` of an object the API server returned: what an operator returns as its XCom when `execute` ends
 * with `k8s.V1Job.to_dict(job)` (KubernetesPatchJobOperator, operators/job.py, provider 10.25.0). The server's
 * camelCase JSON is deserialised as the Python client does (unknown fields dropped), then turned into snake_case.
 */
import { deserializeModel, toPythonDict } from './k8s-model.js';
import type { PyValue } from './py-value.js';

/** `<type>.to_dict()` of the deserialised `data` (e.g. type `V1Job`); date-times stay as the server's text. */
export function apiObjectToDict(data: unknown, type: string): unknown {
  return toPythonDict(deserializeModel(data as PyValue, type));
}
