"""Provider docs, SparkKubernetesOperator: `application_file` may also be a JSON file (the docs' JSON template)."""
from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.spark_kubernetes import SparkKubernetesOperator

dag = DAG(dag_id="spark_json_template", schedule=None, catchup=False)

spark_json = SparkKubernetesOperator(
    task_id="spark_task_json",
    image="gcr.io/spark-operator/spark-py:v3.1.1",
    code_path="local://path/to/spark/code.py",
    application_file="spark_job_template.json",
    dag=dag,
)
