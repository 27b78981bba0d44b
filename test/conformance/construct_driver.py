"""Constructs each conformance case's operator and nothing more, for test/conformance/constructor-judge.ts (issue 9).

Reads the cases (task-cases.ts JSON) on stdin; prints, per case, ``{"ok": true}`` when the real provider's
constructor (and the ``Secret`` objects built for its arguments) accepts the task, or the exception it raises: the
errors a DAG author meets when Airflow parses the DAG file. No execute(), no API client, no cluster.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import warnings


def main() -> int:
    os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="kubetasks-airflow-"))
    os.environ["AIRFLOW__LOGGING__LOGGING_LEVEL"] = "CRITICAL"
    warnings.simplefilter("ignore")
    # Airflow may print while importing; only the JSON document goes to the real stdout.
    report = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    import importlib

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from driver_convert import to_python_kwargs

    from param_driver import OPERATORS

    results = []
    for case in json.load(sys.stdin):
        operator = case["operator"]
        try:
            cls = getattr(importlib.import_module(OPERATORS[operator]), operator)
            kwargs = to_python_kwargs(operator, case["kwargs"])
            if case.get("default_args"):
                kwargs["default_args"] = to_python_kwargs(operator, case["default_args"])
            cls(task_id=case["task_id"], **kwargs)
            results.append({"id": case["id"], "ok": True})
        except Exception as error:  # noqa: BLE001 - the constructor's exception is the result
            results.append({"id": case["id"], "ok": False, "error": {"type": type(error).__name__, "message": str(error)}})
    json.dump(results, report)
    report.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
