"""Provider docs, KubernetesInstallKueueOperator and KubernetesStartKueueJobOperator
(tests/system/cncf/kubernetes/example_kubernetes_kueue.py)."""
from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.kueue import (
    KubernetesInstallKueueOperator,
    KubernetesStartKueueJobOperator,
)
from kubernetes.client import models as k8s

QUEUE_NAME = "local-queue"

with DAG(dag_id="kueue_operators", schedule=None, catchup=False):
    install_kueue = KubernetesInstallKueueOperator(
        task_id="install_kueue",
        kueue_version="v0.9.1",
    )
    start_kueue_job = KubernetesStartKueueJobOperator(
        task_id="kueue_job",
        queue_name=QUEUE_NAME,
        namespace="default",
        image="perl:5.34.0",
        cmds=["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"],
        name="test-pi",
        suspend=True,
        container_resources=k8s.V1ResourceRequirements(
            requests={
                "cpu": 1,
                "memory": "200Mi",
            },
        ),
        wait_until_job_complete=True,
    )
    install_kueue >> start_kueue_job
