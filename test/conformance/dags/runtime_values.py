"""Values that only exist when the file runs (environment variables, Airflow Variables, the clock). The static
scan reports them as not evaluable, at the argument, and still renders the other arguments."""
import os
from datetime import datetime

from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

REGISTRY = os.environ.get("REGISTRY", "ghcr.io/example")
BUILD_DATE = datetime(2025, 1, 1).strftime("%Y%m%d")

with DAG(dag_id="runtime_values", schedule=None, catchup=False):
    from_env = KubernetesPodOperator(
        task_id="from_env",
        name="from-env",
        namespace="default",
        image=f"{REGISTRY}/tool:1.0",
        cmds=["tool"],
    )
    from_clock = KubernetesPodOperator(
        task_id="from_clock",
        name="from-clock",
        namespace="default",
        image="ghcr.io/example/tool:1.0",
        arguments=["--build", BUILD_DATE],
    )
    static_neighbour = KubernetesPodOperator(
        task_id="static_neighbour",
        name="static-neighbour",
        namespace="default",
        image="ghcr.io/example/tool:1.0",
        arguments=["--date", "{{ ds }}"],
    )
