// A real Airflow 3 for the host suite's airflow.test.ts (issue 16): the `airflow` phase's helpers
// (test/airflow/airflow-server.ts: the pinned venv, start.sh on a free loopback port with SQLite, the DAG folder
// test/airflow/dags/, kubernetes_default → the test cluster's kubeconfig), loaded through tsx. The URL and the
// generated credentials reach the extension host through a file (mode 600) named by KUBETASKS_HOST_AIRFLOW_FILE;
// the suite stores them with "Add Airflow Server" (SecretStorage). Stopped by PID / process group (stop.sh).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

const repo = path.resolve(import.meta.dirname, '..', '..');
export const AIRFLOW_DAG_ID = 'kt_rest_trigger';
/** The namespace the suite's run creates its pod in: the Tasks tree's default one, so the UI checks see it too. */
export const AIRFLOW_NAMESPACE_FOR_HOST = 'default';

/** Starts Airflow 3 against the cluster whose kubeconfig is given; returns {url, file, stop(), logTail()}. */
export async function startHostAirflow(kubeconfig) {
  const { provisionVenv, startAirflow } = await tsImport(path.join(repo, 'test', 'airflow', 'airflow-server.ts'), import.meta.url);
  const python = provisionVenv(3);
  const server = startAirflow(3, python, path.join(repo, 'test', 'airflow', 'dags'), kubeconfig);
  const file = path.join(server.home, 'host-suite.json');
  fs.writeFileSync(file, JSON.stringify({ url: server.url, username: server.username, password: server.password, dagId: AIRFLOW_DAG_ID, namespace: AIRFLOW_NAMESPACE_FOR_HOST }), { mode: 0o600 });
  process.env.KUBETASKS_HOST_AIRFLOW_FILE = file;
  return { url: server.url, file, stop: () => server.stop(), logTail: () => server.logTail() };
}

/** Deletes the pods the suite's triggered runs kept (on_finish_action='keep_pod'), once the UI checks saw them. */
export function deleteTriggeredPods(kubeconfig, namespace) {
  const kubectl = path.join(process.env.KUBETASKS_K8S_BIN ?? readEnv(kubeconfig, 'KUBETASKS_K8S_BIN'), 'kubectl');
  execFileSync(kubectl, ['--kubeconfig', kubeconfig, '-n', namespace, 'delete', 'pods', '-l', `dag_id=${AIRFLOW_DAG_ID}`, '--wait=true', '--grace-period=0'], { stdio: 'inherit' });
}

/** A value from the cluster's env file (run-suite.sh writes `export K=V` lines next to the kubeconfig). */
function readEnv(kubeconfig, key) {
  const env = fs.readFileSync(path.join(path.dirname(kubeconfig), 'env'), 'utf8');
  const line = env.split('\n').find((l) => l.startsWith(`export ${key}=`));
  if (!line) throw new Error(`${key} is not in ${path.dirname(kubeconfig)}/env`);
  return line.slice(`export ${key}=`.length).replace(/^['"]|['"]$/g, '');
}
