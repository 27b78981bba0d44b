"""Example DAG for KubeTasks: open it in VS Code to see `Dry run · Validate` above each Kubernetes task and a
summary of the rendered pod on hover. `kubetasks list examples/dags/kpo_example_dag.py` prints the same tasks."""
import pendulum

from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.job import KubernetesJobOperator
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.cncf.kubernetes.secret import Secret
from kubernetes.client import models as k8s

IMAGE = "ghcr.io/example/etl"
DB_SECRET = Secret("env", "DATABASE_URL", "etl-db", "url")
SCRATCH = k8s.V1Volume(name="scratch", empty_dir=k8s.V1EmptyDirVolumeSource(size_limit="1Gi"))
SCRATCH_MOUNT = k8s.V1VolumeMount(name="scratch", mount_path="/scratch")

with DAG(
    dag_id="kpo_example",
    schedule="@daily",
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    default_args={"namespace": "etl", "get_logs": True},
):
    extract = KubernetesPodOperator(
        task_id="extract",
        name="extract",
        image=f"{IMAGE}:1.4",
        cmds=["python", "-m", "etl.extract"],
        arguments=["--date", "{{ ds }}"],
        secrets=[DB_SECRET],
        volumes=[SCRATCH],
        volume_mounts=[SCRATCH_MOUNT],
        do_xcom_push=True,
    )
    for table in ["orders", "customers"]:
        load = KubernetesPodOperator(
            task_id=f"load_{table}",
            name=f"load-{table}",
            image=f"{IMAGE}:1.4",
            arguments=["--table", table, "--rows", extract.output["rows"]],
            container_resources=k8s.V1ResourceRequirements(requests={"cpu": "500m", "memory": "512Mi"}),
        )
        extract >> load
    report = KubernetesJobOperator(
        task_id="report",
        name="report",
        image=f"{IMAGE}:1.4",
        cmds=["python", "-m", "etl.report"],
        backoff_limit=2,
        ttl_seconds_after_finished=3600,
    )
    load >> report
