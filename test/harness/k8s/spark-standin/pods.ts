// STAND-IN for what spark-submit creates for a SparkApplication: the driver pod and its executors.
// Labels mirror spark-operator v2.5.2 (pkg/common/spark.go) plus the spark-app-selector label Spark
// itself adds. spec.driver.annotations / spec.executor.annotations are copied to the pods as the real
// operator does, which is how a test asks kwok for an outcome (kubetasks.test/exit-code, see
// test/harness/k8s/kwok/pod-outcome.yaml). The pods always go to kwok's node: the test cluster has no
// Spark runtime and publishes no Spark image for its real node (docs/TEST-CLUSTER.md).
import type { V1Pod } from '@kubernetes/client-node';
import { kwokPlacement } from '../fixtures.js';
import type { SparkApp, SparkPodSpec } from './types.js';

const APP_NAME = 'sparkoperator.k8s.io/app-name';

function container(name: string, app: SparkApp, role: SparkPodSpec | undefined, args: string[]) {
  return {
    name,
    image: role?.image ?? app.spec?.image ?? 'spark:unset',
    args,
    env: role?.env,
    resources: role?.memory ? { requests: { memory: role.memory } } : undefined,
  };
}

export function renderDriverPod(app: SparkApp, podName: string, submissionID: string, appSelector: string): V1Pod {
  const driver = app.spec?.driver;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName,
      namespace: app.metadata.namespace,
      labels: {
        ...driver?.labels,
        'spark-role': 'driver',
        'spark-app-selector': appSelector,
        [APP_NAME]: app.metadata.name,
        'sparkoperator.k8s.io/launched-by-spark-operator': 'true',
        'sparkoperator.k8s.io/submission-id': submissionID,
      },
      annotations: driver?.annotations,
      ownerReferences: [
        {
          apiVersion: 'sparkoperator.k8s.io/v1beta2',
          kind: 'SparkApplication',
          name: app.metadata.name,
          uid: app.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      ...kwokPlacement,
      restartPolicy: 'Never',
      serviceAccountName: driver?.serviceAccount,
      containers: [container('spark-kubernetes-driver', app, driver, ['driver', app.spec?.mainApplicationFile ?? ''])],
    },
  };
}

export function renderExecutorPods(app: SparkApp, driver: V1Pod): V1Pod[] {
  const executor = app.spec?.executor;
  const count = executor?.instances ?? 0;
  const pods: V1Pod[] = [];
  for (let i = 1; i <= count; i++) {
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${app.metadata.name}-exec-${i}`,
        namespace: app.metadata.namespace,
        labels: {
          ...executor?.labels,
          'spark-role': 'executor',
          'spark-exec-id': String(i),
          'spark-app-selector': driver.metadata?.labels?.['spark-app-selector'] ?? '',
          [APP_NAME]: app.metadata.name,
        },
        annotations: executor?.annotations,
        // Spark makes the driver pod the executors' owner, so deleting the driver removes them
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Pod', name: driver.metadata?.name ?? '', uid: driver.metadata?.uid ?? '', controller: true },
        ],
      },
      spec: {
        ...kwokPlacement,
        restartPolicy: 'Never',
        containers: [container('spark-kubernetes-executor', app, executor, ['executor'])],
      },
    });
  }
  return pods;
}
