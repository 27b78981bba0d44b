"""The REST-API article's DAG (issue 16's judge): a KubernetesPodOperator whose image, env vars and namespace come
from the triggering request's dag_run.conf, kept after it finishes, echoing a conf value and pushing an XCom.
render_template_as_native_obj lets env_vars="{{ dag_run.conf['env'] }}" arrive as a dict (real-airflow.md)."""
from datetime import datetime

from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

with DAG(
    dag_id="kt_rest_trigger",
    start_date=datetime(2024, 1, 1),
    schedule=None,
    catchup=False,
    render_template_as_native_obj=True,
):
    KubernetesPodOperator(
        task_id="echo_conf",
        name="echo-conf",
        namespace="{{ dag_run.conf['namespace'] }}",
        image="{{ dag_run.conf['image'] }}",
        env_vars="{{ dag_run.conf['env'] }}",
        cmds=["bash", "-c"],
        arguments=[
            'echo "greeting=$GREETING"; mkdir -p /airflow/xcom; '
            'printf \'{"greeting": "%s"}\' "$GREETING" > /airflow/xcom/return.json'
        ],
        do_xcom_push=True,
        on_finish_action="keep_pod",
        get_logs=True,
    )
