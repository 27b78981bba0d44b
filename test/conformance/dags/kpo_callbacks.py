"""Provider docs, "KubernetesPodOperator callbacks": a callback class that creates a Service for the pod.
The callback is noted by the static scan, never run."""
import kubernetes.client as k8s
import kubernetes_asyncio.client as async_k8s  # noqa: F401 - the docs import it for async callbacks

from airflow import DAG
from airflow.providers.cncf.kubernetes.callbacks import KubernetesPodOperatorCallback
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator


class MyCallback(KubernetesPodOperatorCallback):
    @staticmethod
    def on_pod_creation(*, pod: k8s.V1Pod, client: k8s.CoreV1Api, mode: str, **kwargs) -> None:
        owner = k8s.V1OwnerReference(
            api_version=pod.api_version,
            kind=pod.kind,
            name=pod.metadata.name,
            uid=pod.metadata.uid,
            controller=True,
            block_owner_deletion=True,
        )
        service = k8s.V1Service(
            metadata=k8s.V1ObjectMeta(name=pod.metadata.name, labels=pod.metadata.labels, owner_references=[owner]),
            spec=k8s.V1ServiceSpec(
                selector=pod.metadata.labels,
                ports=[k8s.V1ServicePort(name="http", port=80, target_port=80)],
            ),
        )
        client.create_namespaced_service(namespace=pod.metadata.namespace, body=service)


with DAG(dag_id="kpo_callbacks", schedule=None, catchup=False):
    k = KubernetesPodOperator(
        task_id="test_callback",
        image="alpine",
        cmds=["/bin/sh"],
        arguments=["-c", "echo hello world; echo Custom error > /dev/termination-log; exit 1;"],
        name="test-callback",
        callbacks=MyCallback,
    )
