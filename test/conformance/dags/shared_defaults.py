"""Two DAGs sharing one default_args dict; each overrides a few keys with dict unpacking. Airflow applies the
defaults to every operator parameter the task does not set."""
from datetime import timedelta

from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

BASE_DEFAULTS = {
    "owner": "platform",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "namespace": "batch",
    "image_pull_policy": "IfNotPresent",
    "labels": {"team": "platform"},
    "get_logs": True,
    "startup_timeout_seconds": 300,
}
NIGHTLY_DEFAULTS = {**BASE_DEFAULTS, "namespace": "nightly", "annotations": {"cost-center": "42"}}

with DAG(dag_id="shared_defaults_hourly", default_args=BASE_DEFAULTS, schedule="@hourly", catchup=False):
    KubernetesPodOperator(task_id="ping", name="ping", image="busybox:1.36", cmds=["true"])
    KubernetesPodOperator(
        task_id="compact",
        name="compact",
        image="ghcr.io/example/compact:3",
        namespace="storage",
        labels={"team": "storage", "tier": "batch"},
    )

with DAG(dag_id="shared_defaults_nightly", default_args=NIGHTLY_DEFAULTS, schedule="@daily", catchup=False):
    KubernetesPodOperator(
        task_id="vacuum",
        name="vacuum",
        image="ghcr.io/example/vacuum:1",
        default_args={"image_pull_policy": "Always"},
    )
