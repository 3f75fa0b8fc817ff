#!/usr/bin/env python3
"""Validates FHIR R4 resources (JSON) with an independent validator: the `fhir.resources` models of
FHIR R4 4.0.1 (pinned in scripts/fhir-requirements.txt, installed by scripts/setup.sh into
target/fhir-venv). The models check structure, cardinality, data types and the formats of primitive
values; the codes of required bindings (status, item type, operator, ...) are checked against the value
lists the models themselves declare (`enum_values`), which the models leave to their user (a list the
models cut short, ending in "+", such as the item types', is not checked).

Usage: target/fhir-venv/bin/python scripts/fhir-validate.py [FILE ...]   (no FILE, or `-`: standard input)
Each input is one resource or a JSON list of resources. Prints one line per resource (`ok TYPE` or
`invalid TYPE: ...`), then `N passed, M failed`; exits 1 when any is invalid.
"""
import json
import sys

import fhir.resources
from fhir.resources import construct_fhir_element
from fhir.resources.core.fhirabstractmodel import FHIRAbstractModel

assert fhir.resources.__fhir_version__ == "4.0.1", fhir.resources.__fhir_version__


def code_problems(model, path):
    """Codes outside the value list their field declares, anywhere in `model`."""
    out = []
    for name, field in model.__fields__.items():
        value = getattr(model, name, None)
        if value is None:
            continue
        allowed = field.field_info.extra.get("enum_values")
        if allowed and "+" in allowed:
            allowed = None
        for i, v in enumerate(value if isinstance(value, list) else [value]):
            where = f"{path}.{field.alias}" + (f"[{i}]" if isinstance(value, list) else "")
            if allowed and isinstance(v, str) and v not in allowed:
                out.append(f"{where}: {v!r} is not one of {allowed}")
            if isinstance(v, FHIRAbstractModel):
                out.extend(code_problems(v, where))
    return out


def validate(resource):
    """`None` when valid, else what is wrong."""
    if not isinstance(resource, dict) or "resourceType" not in resource:
        return "not a resource (an object with resourceType)"
    try:
        model = construct_fhir_element(resource["resourceType"], resource)
    except Exception as e:  # the models raise pydantic's ValidationError, or a LookupError for the type
        return " ".join(str(e).split())
    problems = code_problems(model, resource["resourceType"])
    return "; ".join(problems) or None


def main(args):
    resources = []
    for name in args or ["-"]:
        text = sys.stdin.read() if name == "-" else open(name, encoding="utf-8").read()
        data = json.loads(text)
        resources.extend(data if isinstance(data, list) else [data])
    failed = 0
    for r in resources:
        kind = r.get("resourceType", "?") if isinstance(r, dict) else "?"
        problem = validate(r)
        if problem:
            failed += 1
            print(f"invalid {kind}: {problem}")
        else:
            print(f"ok {kind}")
    print(f"{len(resources) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
