"""Checks the README's Python examples against the generated Python binding, which cannot be installed
here (its jsii runtime and aws-cdk-lib come from PyPI): each example must parse, every name imported
from cdk_amplify_backend must exist, and every keyword argument given to this library's classes and
methods must be a parameter the binding declares.

Usage: check-python-examples.py README.md <generated python module dir>
"""
import ast
import re
import sys

readme_path, module_dir = sys.argv[1], sys.argv[2]
binding = open(f"{module_dir}/__init__.py", encoding="utf-8").read()
examples = re.findall(r"```python\n(.*?)```", open(readme_path, encoding="utf-8").read(), re.S)
if not examples:
    sys.exit("README.md has no ```python example")

declared_names = set(re.findall(r"^class (\w+)", binding, re.M))
declared_methods = set(re.findall(r"^    def (\w+)\(", binding, re.M))
declared_params = set(re.findall(r"^\s+(\w+): ", binding, re.M))

problems = []
for number, source in enumerate(examples, start=1):
    tree = ast.parse(source, filename=f"README python example {number}")
    ours = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "cdk_amplify_backend":
            for alias in node.names:
                ours.add(alias.asname or alias.name)
                if alias.name not in declared_names:
                    problems.append(f"example {number}: cdk_amplify_backend has no {alias.name}")
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        # This library's constructors and structs, and calls of the methods its classes declare.
        is_ours = (isinstance(func, ast.Name) and called in ours) or (isinstance(func, ast.Attribute) and called in declared_methods)
        if not is_ours:
            continue
        for keyword in node.keywords:
            if keyword.arg and keyword.arg not in declared_params:
                problems.append(f"example {number}, line {node.lineno}: {called}() has no parameter {keyword.arg}")

if problems:
    sys.exit("\n".join(problems))
print(f"README  {len(examples)} python example(s) match the binding")
