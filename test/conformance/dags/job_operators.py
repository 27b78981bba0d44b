"""Provider docs, KubernetesJobOperator / KubernetesDeleteJobOperator / KubernetesPatchJobOperator: the tasks of
tests/system/cncf/kubernetes/example_kubernetes_job.py. The delete and patch tasks take the job's name from the
job task's XCom (`k8s_job.output["job_name"]`)."""
from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.job import (
    KubernetesDeleteJobOperator,
    KubernetesJobOperator,
    KubernetesPatchJobOperator,
)

JOB_NAME = "test-pi"
JOB_NAMESPACE = "default"

with DAG(dag_id="job_operators", schedule=None, catchup=False):
    k8s_job = KubernetesJobOperator(
        task_id="job-task",
        namespace=JOB_NAMESPACE,
        image="perl:5.34.0",
        cmds=["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"],
        name=JOB_NAME,
    )
    update_job = KubernetesPatchJobOperator(
        task_id="update-job-task",
        namespace="default",
        name=k8s_job.output["job_name"],
        body={"spec": {"suspend": False}},
    )
    delete_job_task = KubernetesDeleteJobOperator(
        task_id="delete_job_task",
        name=k8s_job.output["job_name"],
        namespace=JOB_NAMESPACE,
        wait_for_completion=True,
        delete_on_status="Complete",
        poll_interval=1.0,
    )
    k8s_job_def = KubernetesJobOperator(
        task_id="job-task-def",
        namespace="default",
        image="perl:5.34.0",
        cmds=["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"],
        name=JOB_NAME + "-def",
        wait_until_job_complete=True,
        deferrable=True,
    )
    k8s_job >> update_job >> delete_job_task
