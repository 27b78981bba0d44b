"""TaskFlow: a @dag function with @task Python steps around pod tasks. The pod's arguments take the upstream
task's return value as an XComArg, which is resolved when the task runs."""
import pendulum

from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.sdk import dag, task


@dag(dag_id="taskflow_pipeline", schedule=None, start_date=pendulum.datetime(2025, 1, 1, tz="UTC"), catchup=False)
def taskflow_pipeline():
    @task
    def choose_partition() -> str:
        return "2025-01-01"

    @task
    def report(result: str) -> None:
        print(result)

    partition = choose_partition()
    extract = KubernetesPodOperator(
        task_id="extract",
        name="extract",
        namespace="etl",
        image="ghcr.io/example/etl:1.4",
        cmds=["python", "-m", "etl.extract"],
        arguments=["--partition", partition],
        do_xcom_push=True,
    )
    transform = KubernetesPodOperator(
        task_id="transform",
        name="transform",
        namespace="etl",
        image="ghcr.io/example/etl:1.4",
        cmds=["python", "-m", "etl.transform"],
        arguments=["--rows", "{{ ti.xcom_pull(task_ids='extract')['rows'] }}"],
        container_resources={"requests": {"cpu": "500m", "memory": "1Gi"}},
    )
    extract >> transform >> report(extract.output)


taskflow_pipeline()
