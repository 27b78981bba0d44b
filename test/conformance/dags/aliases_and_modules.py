"""Import styles seen in real DAG repositories: aliases, module attributes, the bare `kubernetes.client` module,
and model classes imported by name."""
import airflow.providers.cncf.kubernetes.operators.job as job_ops
from airflow import DAG
from airflow.providers.cncf.kubernetes.operators import pod
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator as KPO
from kubernetes import client
from kubernetes.client import V1EnvVar, V1ResourceRequirements

with DAG(dag_id="aliases_and_modules", schedule=None, catchup=False):
    by_alias = KPO(
        task_id="by_alias",
        name="by-alias",
        namespace="default",
        image="alpine:3.20",
        cmds=["sh", "-c", "env"],
        env_vars=[V1EnvVar(name="MODE", value="alias")],
        container_resources=V1ResourceRequirements(limits={"memory": "128Mi"}),
    )
    by_module = pod.KubernetesPodOperator(
        task_id="by_module",
        name="by-module",
        namespace="default",
        image="alpine:3.20",
        node_selector={"kubernetes.io/os": "linux"},
        tolerations=[client.V1Toleration(key="dedicated", operator="Equal", value="batch", effect="NoSchedule")],
    )
    job = job_ops.KubernetesJobOperator(
        task_id="by_job_module",
        name="by-job-module",
        namespace="default",
        image="alpine:3.20",
        backoff_limit=2,
        completions=3,
        parallelism=3,
        ttl_seconds_after_finished=600,
    )
    by_alias >> by_module >> job
