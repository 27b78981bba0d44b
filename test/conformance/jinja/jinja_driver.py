"""Jinja judge (issue 17): Airflow's own `render_template_fields` renders each case's templated fields.

Runs in the Airflow 3 venv (test/harness/airflow/provision.sh) or the Airflow 2 venv (provision-lock.sh with
requirements-airflow2.lock); the same file serves both majors. One process for all cases.

stdin: JSON {"cases_dir": DIR, "cases": [{id, operator, kwargs, extra_template_fields, run: {conf, dag_params,
logical_date (ISO or null), now (ISO), run_id?, native, variables, connections, dag_id}}]}
stdout: JSON {"airflow": VERSION, "results": [{id, ok, fields: {name: value}, context_keys, run_id} | {id, ok: false,
error: {type, message, lineno}}]}. Field values are what the operator holds after rendering, with kubernetes models
serialised by the client's own `sanitize_for_serialization` (camelCase, None dropped).

The context is Airflow's own: Airflow 2's `TaskInstance.get_template_context()` over an in-memory DagRun (tables
created empty, so "previous run" lookups find none), Airflow 3's `RuntimeTaskInstance.get_template_context()` over
the `TIRunContext` the API server would send. Variables and connections come from AIRFLOW_VAR_* / AIRFLOW_CONN_*,
which both majors read before any other backend.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import uuid
import warnings

os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="kubetasks-jinja-"))
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__LOGGING__LOGGING_LEVEL"] = "CRITICAL"
warnings.simplefilter("ignore")
_OUT = sys.stdout
sys.stdout = sys.stderr

import airflow  # noqa: E402
import pendulum  # noqa: E402
from kubernetes.client import ApiClient  # noqa: E402

from airflow.providers.cncf.kubernetes.operators.job import (  # noqa: E402
    KubernetesDeleteJobOperator,
    KubernetesJobOperator,
    KubernetesPatchJobOperator,
)
from airflow.providers.cncf.kubernetes.operators.kueue import (  # noqa: E402
    KubernetesInstallKueueOperator,
    KubernetesStartKueueJobOperator,
)
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator  # noqa: E402
from airflow.providers.cncf.kubernetes.operators.spark_kubernetes import SparkKubernetesOperator  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from driver_convert import to_python_kwargs  # noqa: E402

MAJOR = int(airflow.__version__.split(".")[0])
OPERATORS = {
    "KubernetesPodOperator": KubernetesPodOperator,
    "KubernetesJobOperator": KubernetesJobOperator,
    "KubernetesDeleteJobOperator": KubernetesDeleteJobOperator,
    "KubernetesPatchJobOperator": KubernetesPatchJobOperator,
    "SparkKubernetesOperator": SparkKubernetesOperator,
    "KubernetesStartKueueJobOperator": KubernetesStartKueueJobOperator,
    "KubernetesInstallKueueOperator": KubernetesInstallKueueOperator,
}
_api = ApiClient()

if MAJOR == 2:
    from sqlalchemy.orm.attributes import set_committed_value

    import airflow.models
    import airflow.providers.fab.auth_manager.models  # noqa: F401  (ab_user, referenced by task_instance_note)
    from airflow import settings
    from airflow.models.base import Base
    from airflow.models.dag import DAG
    from airflow.models.dagrun import DagRun
    from airflow.models.taskinstance import TaskInstance
    from airflow.utils.types import DagRunType

    airflow.models.import_all_models()
    Base.metadata.create_all(settings.engine)
else:
    from airflow.sdk import DAG
    from airflow.sdk.api.datamodels._generated import DagRun as SdkDagRun, TIRunContext
    from airflow.sdk.execution_time.task_runner import RuntimeTaskInstance
    from airflow.timetables.simple import NullTimetable  # the core timetable the API server uses for schedule=None
    from airflow.utils.types import DagRunType


def _date(text):
    return None if text is None else pendulum.parse(text).in_timezone("UTC")


def _context(task, dag, run):
    logical, now = _date(run.get("logical_date")), _date(run["now"])
    conf = run.get("conf") or {}
    if MAJOR == 2:
        run_id = run.get("run_id") or DagRun.generate_run_id(DagRunType.MANUAL, logical)
        dag_run = DagRun(dag_id=dag.dag_id, run_id=run_id, execution_date=logical, conf=conf, run_type="manual",
                         external_trigger=True, data_interval=dag.timetable.infer_manual_data_interval(run_after=logical))
        ti = TaskInstance(task, run_id=run_id)
        # The scheduler sets try_number to 1 when it queues the first try (Airflow >= 2.10), before any render.
        ti.try_number = 1
        set_committed_value(ti, "dag_run", dag_run)
        return ti.get_template_context(), run_id
    # As the REST trigger does (TriggerDAGRunPostBody.validate_context): no logical date, no data interval.
    timetable = NullTimetable()
    interval = timetable.infer_manual_data_interval(run_after=logical) if logical else None
    run_id = run.get("run_id") or timetable.generate_run_id(run_type=DagRunType.MANUAL, run_after=now, data_interval=interval)
    dag_run = SdkDagRun(dag_id=dag.dag_id, run_id=run_id, logical_date=logical, run_after=now, start_date=now,
                        data_interval_start=interval.start if interval else None,
                        data_interval_end=interval.end if interval else None, end_date=None, run_type="manual",
                        state="running", conf=conf, consumed_asset_events=[], partition_key=None)
    ti = RuntimeTaskInstance.model_construct(
        id=uuid.uuid4(), task_id=task.task_id, dag_id=dag.dag_id, run_id=run_id, try_number=1, map_index=-1,
        dag_version_id=uuid.uuid4(), task=task, _ti_context_from_server=TIRunContext(dag_run=dag_run, max_tries=0),
        max_tries=0, start_date=now)
    return ti.get_template_context(), run_id


def _plain(value):
    if isinstance(value, tuple):
        value = list(value)
    return _api.sanitize_for_serialization(value)


def _set_env(run):
    names = []
    for key, value in (run.get("variables") or {}).items():
        names.append(f"AIRFLOW_VAR_{key.upper()}")
        os.environ[names[-1]] = value
    for key, value in (run.get("connections") or {}).items():
        names.append(f"AIRFLOW_CONN_{key.upper()}")
        os.environ[names[-1]] = json.dumps(value)
    return names


def _run_case(case, cases_dir):
    run = case["run"]
    dag = DAG(run.get("dag_id", "jinja_judge"), schedule=None, template_searchpath=[cases_dir],
              render_template_as_native_obj=bool(run.get("native")), params=run.get("dag_params") or {})
    cls = OPERATORS[case["operator"]]
    extra = case.get("extra_template_fields") or []
    if extra:
        cls = type(f"Custom{cls.__name__}", (cls,), {"template_fields": (*cls.template_fields, *extra)})
    kwargs = to_python_kwargs(case["operator"], dict(case["kwargs"]))
    task = cls(dag=dag, **kwargs)
    env = _set_env(run)
    try:
        context, run_id = _context(task, dag, run)
        keys = sorted(context.keys())
        try:
            task.render_template_fields(context)
        except Exception as error:  # the outcome under test: Airflow's own exception
            return {"id": case["id"], "ok": False, "context_keys": keys, "run_id": run_id,
                    "error": {"type": type(error).__name__, "message": str(error), "lineno": getattr(error, "lineno", None)}}
        # `params` is not a template field (the DAG's params are merged into it); `{{ params.* }}` judges it.
        names = [n for n in case["kwargs"] if n not in ("task_id", "params")]
        fields = {name: _plain(getattr(task, name)) for name in names}
        return {"id": case["id"], "ok": True, "fields": fields, "context_keys": keys, "run_id": run_id}
    finally:
        for name in env:
            os.environ.pop(name, None)


def main():
    request = json.load(sys.stdin)
    results = []
    for case in request["cases"]:
        try:
            results.append(_run_case(case, request["cases_dir"]))
        except Exception as error:  # the harness could not set the case up: reported, never a pass
            results.append({"id": case["id"], "harness_error": f"{type(error).__name__}: {error}"})
    # Each operator's class-level template_fields and template_ext: what render_template_fields walks.
    fields = {name: {"template_fields": list(cls.template_fields), "template_ext": list(cls.template_ext)} for name, cls in OPERATORS.items()}
    json.dump({"airflow": airflow.__version__, "results": results, "operators": fields}, _OUT, default=str)


if __name__ == "__main__":
    main()
