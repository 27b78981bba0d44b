"""Template paths built from `__file__` (issue 17). The provider's own system tests write
`application_file=join(pathlib.Path(__file__).parent.resolve(), "….yaml")`; the static scan must follow os.path and
pathlib idioms and `os.environ.get(NAME, default)` (the default), or the task renders without its template."""
import os
import pathlib
from os.path import join
from pathlib import Path

from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.cncf.kubernetes.operators.spark_kubernetes import SparkKubernetesOperator

HERE = os.path.dirname(os.path.realpath(__file__))

with DAG(dag_id="path_idioms", schedule=None, catchup=False):
    SparkKubernetesOperator(
        task_id="system_test_idiom",
        application_file=join(pathlib.Path(__file__).parent.resolve(), "spark_job_template.yaml"),
    )
    SparkKubernetesOperator(
        task_id="pathlib_division",
        application_file=str(Path(__file__).parent / "spark_job_template.json"),
    )
    KubernetesPodOperator(
        task_id="environ_default",
        name="environ-default",
        image=os.environ.get("KT_PATH_IDIOMS_IMAGE", "busybox:1.36"),
        namespace=os.getenv("KT_PATH_IDIOMS_NS", "default"),
        cmds=["ls", os.path.join(HERE, "data"), os.path.basename(HERE)],
    )
