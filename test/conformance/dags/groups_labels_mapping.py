"""Dependencies beyond `a >> b`: a @task_group function, edge labels, cross_downstream and chain; an `if` on a
module constant; and one dynamically mapped pod task, whose arguments exist only per map index at run time."""
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.sdk import DAG, Label, chain, cross_downstream, task_group

ENVIRONMENT = "prod"
COMMON = dict(namespace="pipelines", image="ghcr.io/example/pipeline:5", get_logs=True)

with DAG(dag_id="groups_labels_mapping", schedule=None, catchup=False):

    @task_group(group_id="ingest")
    def ingest():
        fetch = KubernetesPodOperator(task_id="fetch", name="fetch", arguments=["fetch"], **COMMON)
        verify = KubernetesPodOperator(task_id="verify", name="verify", arguments=["verify"], **COMMON)
        fetch >> verify

    build_a = KubernetesPodOperator(task_id="build_a", name="build-a", arguments=["build", "a"], **COMMON)
    build_b = KubernetesPodOperator(task_id="build_b", name="build-b", arguments=["build", "b"], **COMMON)
    ingest() >> Label("verified data") >> [build_a, build_b]

    if ENVIRONMENT == "prod":
        publish = KubernetesPodOperator(task_id="publish", name="publish", arguments=["publish", "--prod"], **COMMON)
    else:
        publish = KubernetesPodOperator(task_id="publish", name="publish", arguments=["publish", "--dry-run"], **COMMON)
    notify = KubernetesPodOperator(task_id="notify", name="notify", arguments=["notify"], **COMMON)
    cross_downstream([build_a, build_b], [publish, notify])
    archive = KubernetesPodOperator(task_id="archive", name="archive", arguments=["archive"], **COMMON)
    chain(publish, archive)

    shards = KubernetesPodOperator.partial(task_id="shard", name="shard", **COMMON).expand(
        arguments=[["shard", "0"], ["shard", "1"], ["shard", "2"]]
    )
    archive >> shards
