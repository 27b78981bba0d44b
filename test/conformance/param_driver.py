"""Reports what the real provider's operators accept, for test/conformance/param-tables.ts (issue 9).

For each operator class: the union of the ``__init__`` signatures over its MRO (the Task SDK ``BaseOperator``
included), which class declares each keyword argument first, whether it has a default and that default, and the
class's ``template_fields`` / ``template_ext``. Deprecations are probed: stdin holds, per operator, one sample value
per keyword argument; each is passed alone to the constructor, and an argument is deprecated when that emits a
warning whose category or message says so and whose message names the argument. Prints one JSON document.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import sys
import warnings
from datetime import timedelta

OPERATORS = {
    "KubernetesPodOperator": "airflow.providers.cncf.kubernetes.operators.pod",
    "KubernetesJobOperator": "airflow.providers.cncf.kubernetes.operators.job",
    "KubernetesDeleteJobOperator": "airflow.providers.cncf.kubernetes.operators.job",
    "KubernetesPatchJobOperator": "airflow.providers.cncf.kubernetes.operators.job",
    "SparkKubernetesOperator": "airflow.providers.cncf.kubernetes.operators.spark_kubernetes",
    "KubernetesStartKueueJobOperator": "airflow.providers.cncf.kubernetes.operators.kueue",
    "KubernetesInstallKueueOperator": "airflow.providers.cncf.kubernetes.operators.kueue",
}

SKIPPED_KINDS = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)


def to_json(value):
    """Defaults as task files spell them: timedeltas in seconds, enums by value, anything else by repr."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, timedelta):
        return value.total_seconds()
    enum_value = getattr(value, "value", None)
    if isinstance(enum_value, str):
        return enum_value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float, bool)) for v in value):
        return list(value)
    return {"repr": repr(value)}


def is_deprecation(warning, name):
    category = warning.category.__name__
    text = str(warning.message)
    said = "Deprecat" in category or "Removed" in category or "deprecated" in text.lower()
    return said and (f"`{name}`" in text or f" {name} " in f" {text} ")


def probe(cls, request):
    """Which arguments warn about their deprecation when passed alone; which ones the constructor refused."""
    deprecated, unprobed = [], {}
    for name, value in request.get("samples", {}).items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                cls(task_id="probe", **request.get("base", {}), **{name: value})
            except Exception as error:  # a refused sample gives no verdict; the judge reports it if it mattered
                unprobed[name] = f"{type(error).__name__}: {error}"
                continue
        if any(is_deprecation(w, name) for w in caught):
            deprecated.append(name)
    return deprecated, unprobed


def describe(cls, samples):
    deprecated, unprobed = probe(cls, samples)
    params = {}
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        for name, parameter in inspect.signature(init).parameters.items():
            if name == "self" or parameter.kind in SKIPPED_KINDS or name in params:
                continue
            has_default = parameter.default is not inspect.Parameter.empty
            params[name] = {
                "name": name,
                "declared_by": f"{klass.__module__}.{klass.__qualname__}",
                "required": not has_default,
                "default": to_json(parameter.default) if has_default else None,
            }
    return {
        "mro": [f"{k.__module__}.{k.__qualname__}" for k in cls.__mro__],
        "params": list(params.values()),
        "template_fields": list(cls.template_fields),
        "template_ext": list(cls.template_ext),
        "deprecated": deprecated,
        "unprobed": unprobed,
    }


def main():
    # Airflow logs to stdout; the report gets the real stdout, everything else goes to stderr.
    report = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    request = json.load(sys.stdin)
    warnings.simplefilter("ignore")
    out = {}
    for name, module in OPERATORS.items():
        out[name] = describe(getattr(importlib.import_module(module), name), request.get(name, {}))
    json.dump(out, report, indent=1)
    report.close()


if __name__ == "__main__":
    main()
