"""Checks the language-level checks of props in the generated Python binding, which cannot run here (its jsii
runtime and aws-cdk-lib come from PyPI): for every struct of this library in the jsii assembly, and for each
construct's constructor, every required prop is a keyword-only parameter without a default (Python itself
refuses a call that leaves it out, naming it: "missing 1 required keyword-only argument: 'app_name'"), every
optional one defaults to None, and the struct's __init__ passes each prop to typeguard's check_type (a value of
the wrong type is refused, naming "argument app_name"). What passes these checks (an empty string, a dict for a
struct) reaches the library, whose synth-time checks name the construct path and the prop.

Usage: check-python-props.py <.jsii assembly> <generated python module dir>
"""
import ast
import json
import sys

assembly_path, module_dir = sys.argv[1], sys.argv[2]
assembly = json.load(open(assembly_path, encoding="utf-8"))
types = assembly["types"]
tree = ast.parse(open(f"{module_dir}/__init__.py", encoding="utf-8").read())
classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}

# The props each construct cannot do without, in Python's names: the binding must make Python refuse a call without them.
CONSTRUCTS = {
    "AmplifyBackend": {"app_id", "app_name", "environment_name"},
    "AmplifyBackendStorage": {"backend", "resource_name", "permissions"},
    "ImportedBackendStorage": {"backend"},
    "AmplifyBackendAuth": {"backend", "resource_name"},
    "ImportedBackendAuth": {"backend", "user_pool", "web_client", "native_client"},
}

problems = []


def properties_of(fqn):
    """A struct's properties by jsii name, its bases' included (bases outside this assembly are not looked into)."""
    spec = types[fqn]
    props = {}
    for base in spec.get("interfaces", []):
        if base in types:
            props.update(properties_of(base))
    for prop in spec.get("properties", []):
        props[prop["name"]] = prop
    return props


def init_of(cls):
    return next(node for node in cls.body if isinstance(node, ast.FunctionDef) and node.name == "__init__")


def keyword_parameters(init):
    """Keyword-only parameters: name -> whether it has a default (None)."""
    params = {}
    for arg, default in zip(init.args.kwonlyargs, init.args.kw_defaults):
        params[arg.arg] = default is not None and isinstance(default, ast.Constant) and default.value is None
    return params


def name_mapping(cls):
    for decorator in cls.decorator_list:
        if isinstance(decorator, ast.Call):
            for keyword in decorator.keywords:
                if keyword.arg == "name_mapping":
                    return ast.literal_eval(keyword.value)
    return None


def checked_arguments(init):
    """The parameters __init__ passes to check_type, by the argname it gives ("argument app_id" -> app_id)."""
    names = set()
    for node in ast.walk(init):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "check_type":
            for keyword in node.keywords:
                if keyword.arg == "argname" and isinstance(keyword.value, ast.Constant):
                    names.add(keyword.value.value.removeprefix("argument "))
    return names


structs = [fqn for fqn, spec in types.items() if spec["kind"] == "interface" and spec.get("datatype")]
for fqn in structs:
    name = types[fqn]["name"]
    cls = classes.get(name)
    if cls is None:
        problems.append(f"{name}: no class in the binding")
        continue
    mapping = name_mapping(cls) or {}
    props = properties_of(fqn)
    params = keyword_parameters(init_of(cls))
    if sorted(mapping.values()) != sorted(props):
        problems.append(f"{name}: the binding maps {sorted(mapping.values())}, the assembly has {sorted(props)}")
    for python_name, jsii_name in mapping.items():
        optional = props.get(jsii_name, {}).get("optional", False)
        if python_name not in params:
            problems.append(f"{name}: {python_name} is not a keyword-only parameter of __init__")
        elif params[python_name] != optional:
            problems.append(f"{name}: {python_name} is {'optional' if optional else 'required'} but its parameter "
                            f"{'has no default' if optional else 'defaults to None'}")
    unchecked = set(mapping) - checked_arguments(init_of(cls))
    if unchecked:
        problems.append(f"{name}: __init__ passes {sorted(unchecked)} to no check_type")

for construct, required in CONSTRUCTS.items():
    params = keyword_parameters(init_of(classes[construct]))
    props_fqn = f"{assembly['name']}.{construct}Props"
    optional = {python for python, jsii_name in (name_mapping(classes[f"{construct}Props"]) or {}).items()
                if properties_of(props_fqn)[jsii_name].get("optional", False)}
    missing_required = sorted(required - {name for name, defaulted in params.items() if not defaulted})
    if missing_required:
        problems.append(f"{construct}(): {missing_required} should be required keyword-only parameters")
    wrong_optional = sorted(name for name in optional if not params.get(name, False))
    if wrong_optional:
        problems.append(f"{construct}(): {wrong_optional} are optional props but their parameters have no default")

if problems:
    sys.exit("Python binding:\n  " + "\n  ".join(problems))
print(f"python  {len(structs)} structs and {len(CONSTRUCTS)} constructors: required props are keyword-only without a default, "
      "optional ones default to None, every prop goes through check_type")
