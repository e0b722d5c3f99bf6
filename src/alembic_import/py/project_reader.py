# strata import-alembic, part 1 of 6: reading an Alembic project's
# configuration — alembic.ini (configparser, with Alembic's %(here)s),
# pyproject.toml's [tool.alembic], and what env.py passes to
# context.configure() — without importing or running any of it.
#
# The six parts (this one, lua_values, sqlalchemy_exprs, schema_items,
# op_calls, main) are concatenated into one script that strata ships in its
# binary (src/alembic_import/translator_source.h); they share one module
# namespace, so later parts use names defined here. Only the standard
# library is used: import-alembic needs python3, not SQLAlchemy or Alembic.
import ast
import configparser
import hashlib
import json
import os
import re
import sys


class ImportFailure(Exception):
    """A problem that stops the import: one line, printed by strata."""


def read_ini(ini_path):
    """The [alembic] section of alembic.ini as a dict (Alembic's own
    interpolation: %(here)s is the ini file's directory)."""
    here = os.path.dirname(os.path.abspath(ini_path))
    parser = configparser.ConfigParser(defaults={"here": here})
    try:
        with open(ini_path, encoding="utf-8") as f:
            parser.read_file(f)
    except OSError as e:
        raise ImportFailure("%s: cannot read: %s" % (ini_path, e.strerror))
    except configparser.Error as e:
        raise ImportFailure("%s: %s" % (ini_path, str(e).splitlines()[0]))
    section = "alembic"
    if not parser.has_section(section):
        raise ImportFailure("%s: no [alembic] section" % ini_path)
    out = {}
    for key in parser.options(section):
        if key == "here":
            continue
        try:
            out[key] = parser.get(section, key)
        except configparser.Error as e:
            raise ImportFailure("%s: %s: %s" % (ini_path, key, str(e).splitlines()[0]))
    return out


def read_pyproject(path):
    """[tool.alembic] of pyproject.toml (Alembic 1.16's form), {} without."""
    if not os.path.exists(path):
        return {}
    try:
        import tomllib
    except ImportError:
        return {}
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, ValueError) as e:
        raise ImportFailure("%s: %s" % (path, e))
    tool = data.get("tool", {}).get("alembic", {})
    here = os.path.dirname(os.path.abspath(path))
    return {k: (v.replace("%(here)s", here) if isinstance(v, str) else v) for k, v in tool.items()}


def split_locations(value, separator):
    """version_locations as Alembic splits it (version_path_separator)."""
    if isinstance(value, list):
        return value
    seps = {"space": None, "os": os.pathsep, ":": ":", ";": ";", "newline": "\n"}
    sep = seps.get(separator, None) if separator else None
    if separator is None:
        # Alembic < 1.13 without version_path_separator: space or comma.
        return [p for p in re.split(r", *|(?: +)", value) if p]
    return [p.strip() for p in (value.split(sep) if sep else value.split()) if p.strip()]


def env_value(node, module_names):
    """What an env.py expression means for strata.toml: a literal, an
    environment variable ("${VAR}"), or None when it cannot be known."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [env_value(e, module_names) for e in node.elts]
        return None if any(i is None for i in items) else items
    # os.environ["VAR"], os.environ.get("VAR"[, default]), os.getenv("VAR"[, default])
    if isinstance(node, ast.Subscript) and dotted(node.value) in ("os.environ", "environ"):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return "${%s}" % key.value
    if isinstance(node, ast.Call) and dotted(node.func) in ("os.environ.get", "os.getenv",
                                                             "environ.get", "getenv"):
        if node.args and isinstance(node.args[0], ast.Constant):
            var = node.args[0].value
            if len(node.args) > 1 and isinstance(node.args[1], ast.Constant) \
                    and isinstance(node.args[1].value, str):
                return "${%s:-%s}" % (var, node.args[1].value)
            return "${%s}" % var
    if isinstance(node, ast.Name) and node.id in module_names:
        return module_names[node.id]
    return None


def dotted(node):
    """'a.b.c' for a Name/Attribute chain, else ''."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def metadata_specs(node, imports, values):
    """target_metadata's value as model specs ("module:attr"), or None when
    it cannot be named (built in env.py itself, computed)."""
    if isinstance(node, ast.Name) and node.id in values and node.id not in imports:
        return metadata_specs(values[node.id], imports, values)
    if isinstance(node, (ast.List, ast.Tuple)):
        out = []
        for e in node.elts:
            spec = metadata_specs(e, imports, values)
            if spec is None:
                return None
            out.extend(spec)
        return out
    if isinstance(node, ast.Constant) and node.value is None:
        return []
    parts = dotted(node).split(".") if dotted(node) else []
    if len(parts) > 1 and parts[-1] == "metadata":
        parts = parts[:-1]  # Base.metadata -> Base: a declarative base is a model source
    if not parts or parts[0] not in imports:
        return None
    module, attr = imports[parts[0]]
    chain = ([attr] if attr else []) + parts[1:]  # the names after `module`
    if not chain:
        return None
    # Every name but the last is a submodule: from app import models; models.Base
    return [".".join([module] + chain[:-1]) + ":" + chain[-1]]


def read_env_py(env_path):
    """What env.py's context.configure() calls pass, as strata.toml values.

    Returns (settings, notes): settings keys version_table,
    version_table_schema, include_schemas, transaction_per_migration, url,
    models; notes are one-line remarks for the summary (things env.py does
    that strata.toml cannot say)."""
    settings, notes = {}, []
    try:
        with open(env_path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), env_path)
    except OSError:
        return settings, ["%s: not found; strata.toml uses Alembic's defaults" % env_path]
    except SyntaxError as e:
        raise ImportFailure("%s:%s: %s" % (env_path, e.lineno, e.msg))
    imports = {}  # local name -> (module, attr or None)
    values = {}   # module-level name -> expression
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                imports[a.asname or a.name.split(".")[0]] = (a.name if a.asname else a.name.split(".")[0], None)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                imports[a.asname or a.name] = (node.module, a.name)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            values.setdefault(node.targets[0].id, node.value)
    literal_names = {}
    for name, expr in values.items():
        v = env_value(expr, {})
        if v is not None:
            literal_names[name] = v
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = dotted(node.func)
        if func.endswith("set_main_option") and len(node.args) == 2 \
                and isinstance(node.args[0], ast.Constant) and node.args[0].value == "sqlalchemy.url":
            url = env_value(node.args[1], literal_names)
            if isinstance(url, str):
                settings["url"] = url
        if not func.endswith("context.configure") and func != "configure":
            continue
        for kw in node.keywords:
            if kw.arg in ("version_table", "version_table_schema", "include_schemas",
                          "transaction_per_migration"):
                v = env_value(kw.value, literal_names)
                if v is not None:
                    settings[kw.arg] = v
                else:
                    notes.append("%s:%d: %s is computed; set it in strata.toml"
                                 % (env_path, kw.value.lineno, kw.arg))
            elif kw.arg == "target_metadata":
                specs = metadata_specs(kw.value, imports, values)
                if specs:
                    settings["models"] = specs
                elif specs is None:
                    notes.append("%s:%d: target_metadata is computed; list the models in strata.toml"
                                 % (env_path, kw.value.lineno))
            elif kw.arg == "url":
                url = env_value(kw.value, literal_names)
                if isinstance(url, str):
                    settings["url"] = url
            elif kw.arg in ("include_object", "include_name", "process_revision_directives",
                            "render_item", "compare_type", "compare_server_default"):
                if kw.arg in ("include_object", "include_name"):
                    notes.append("%s:%d: %s is Python; strata uses include_schemas / exclude_tables"
                                 % (env_path, kw.value.lineno, kw.arg))
    # The URL read from the environment anywhere in env.py (a common form:
    # url = os.environ["DATABASE_URL"]; create_engine(url)).
    if "url" not in settings:
        for node in ast.walk(tree):
            v = env_value(node, {}) if isinstance(node, (ast.Subscript, ast.Call)) else None
            if isinstance(v, str) and v.startswith("${"):
                settings["url"] = v
                break
    return settings, list(dict.fromkeys(notes))  # offline and online configure() say the same
