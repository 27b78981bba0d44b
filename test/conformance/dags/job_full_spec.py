"""A Job built from parameters and a full pod spec given as a V1Pod model: the operator fields win over the spec."""
from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.job import KubernetesJobOperator
from kubernetes.client import models as k8s

POD = k8s.V1Pod(
    metadata=k8s.V1ObjectMeta(labels={"app": "report"}, annotations={"owner": "finance"}),
    spec=k8s.V1PodSpec(
        containers=[
            k8s.V1Container(
                name="base",
                image="ghcr.io/example/report:2",
                env=[k8s.V1EnvVar(name="FORMAT", value="pdf")],
            )
        ],
        node_selector={"pool": "reports"},
    ),
)

with DAG(dag_id="job_full_spec", schedule=None, catchup=False):
    report = KubernetesJobOperator(
        task_id="monthly_report",
        name="monthly-report",
        namespace="finance",
        full_pod_spec=POD,
        arguments=["--month", "{{ ds[:7] }}"],
        backoff_limit=1,
        active_deadline_seconds=7200,
        suspend=False,
    )
