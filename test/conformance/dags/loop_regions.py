"""One pod task per region and per table, from loops over literal lists and a comprehension."""
from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.standard.operators.empty import EmptyOperator

REGIONS = ["eu-west-1", "us-east-1", "ap-south-1"]
TABLES = ("orders", "customers")
IMAGE = "ghcr.io/example/sync"
TAG = "2.3.0"

with DAG(dag_id="loop_regions", schedule="@daily", catchup=False) as dag:
    start = EmptyOperator(task_id="start")
    done = EmptyOperator(task_id="done")
    for region in REGIONS:
        sync = KubernetesPodOperator(
            task_id=f"sync_{region.replace('-', '_')}",
            name=f"sync-{region}",
            namespace="sync",
            image=f"{IMAGE}:{TAG}",
            arguments=["--region", region, "--date", "{{ ds }}"],
            labels={"region": region, "team": "data"},
            env_vars={"REGION": region, "LOG_LEVEL": "info"},
        )
        start >> sync >> done
    exports = [
        KubernetesPodOperator(
            task_id="export_" + table,
            name="export-" + table,
            namespace="sync",
            image=IMAGE + ":" + TAG,
            cmds=["export"],
            arguments=[table],
        )
        for table in TABLES
    ]
    done >> exports
