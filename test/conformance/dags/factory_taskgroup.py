"""A factory function builds the pod tasks; a TaskGroup prefixes their task ids."""
from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.sdk import TaskGroup

STAGES = ["validate", "train", "evaluate"]


def ml_step(stage: str, gpu: bool = False) -> KubernetesPodOperator:
    resources = {"limits": {"nvidia.com/gpu": "1"}} if gpu else None
    return KubernetesPodOperator(
        task_id=stage,
        name=f"ml-{stage}",
        namespace="ml",
        image="ghcr.io/example/ml:0.9",
        cmds=["python", "-m", f"pipeline.{stage}"],
        container_resources=resources,
        labels={"stage": stage},
    )


with DAG(dag_id="factory_taskgroup", schedule=None, catchup=False):
    with TaskGroup(group_id="model") as model:
        steps = [ml_step(stage, gpu=stage == "train") for stage in STAGES]
        steps[0] >> steps[1] >> steps[2]
    publish = ml_step("publish")
    model >> publish
