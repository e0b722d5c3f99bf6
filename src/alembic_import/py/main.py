# strata import-alembic, part 6 of 6: one revision file -> one Lua revision,
# and the entry point. argv[1]: JSON {"ini": path or null, "pyproject": path
# or null, "src": dir}; stdout: JSON {"config": {...}, "notes": [...],
# "revisions": [{"source", "revision", "lua", "source_sha256", "markers":
# [{"line", "direction", "construct"}], "error"}]}. Failures that stop the import: exit
# 3 and "strata-python-error: <message>" on stderr.

HEADER_NAMES = ("revision", "down_revision", "branch_labels", "depends_on")


def module_imports(tree):
    """local name -> dotted import path, for the imports at the top level and
    at the top of function bodies (where revision files put them)."""
    out = {}
    nodes = list(tree.body)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            nodes.extend(node.body)
    for node in nodes:
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    out[a.asname] = a.name
                else:
                    out[a.name.split(".")[0]] = a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                out[a.asname or a.name] = node.module + "." + a.name
    return out


def header_value(node, name, path):
    try:
        v = ast.literal_eval(node)
    except ValueError:
        raise ImportFailure("%s:%d: %s is computed; import-alembic needs a literal"
                            % (path, node.lineno, name))
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
        return list(v)
    raise ImportFailure("%s:%d: %s must be a string, a tuple of strings or None" % (path, node.lineno, name))


def header_lua(value):
    if value is None:
        return "nil"
    if isinstance(value, str):
        return lua_str(value)
    return "{" + ", ".join(lua_str(v) for v in value) + "}"


def docstring_lines(doc):
    """The module docstring as the leading comment: Alembic's message is its
    first paragraph, strata's the comment's first paragraph."""
    doc = doc.strip()
    return ["--" + (" " + line if line else "") for line in doc.split("\n")]


def translate_revision(path):
    with open(path, "rb") as f:
        raw = f.read()
    source = raw.decode("utf-8")
    try:
        tree = ast.parse(source, path)
    except SyntaxError as e:
        raise ImportFailure("%s:%s: %s" % (path, e.lineno, e.msg))
    source_lines = source.split("\n")
    imports = module_imports(tree)
    header, top, helpers, functions = {}, [], [], {}
    module_scope = Scope()
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if len(names) == 1 and names[0] in HEADER_NAMES and node.value is not None:
                header[names[0]] = header_value(node.value, names[0], path)
                continue
        if isinstance(node, ast.FunctionDef) and node.name in ("upgrade", "downgrade"):
            functions[node.name] = node
        elif isinstance(node, ast.FunctionDef):
            helpers.append(node)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        else:
            top.append(node)
    if "revision" not in header or not isinstance(header["revision"], str):
        raise ImportFailure("%s: no revision = '...' (not an Alembic revision)" % path)

    out = []
    doc = ast.get_docstring(tree, clean=False)
    if doc:
        out.extend(docstring_lines(doc))
        out.append("")
    for name in HEADER_NAMES:
        out.append("%s = %s" % (name, header_lua(header.get(name))))

    # Module-level constants and helpers, as locals above the functions.
    pre = Body(imports, source_lines, "")
    for node in top:
        try:
            pre.statement(node, module_scope, 0)
        except NotTranslated:
            text = "\n".join(source_lines[node.lineno - 1:node.end_lineno])
            pre.lines.extend("-- (python, not carried) " + l for l in text.split("\n"))
    for fn in helpers:
        module_scope.set(fn.name, "helper")
    for fn in helpers:
        body = Body(imports, source_lines, "")
        scope = Scope(module_scope)
        if fn.args.vararg or fn.args.kwarg or fn.args.kwonlyargs or fn.args.defaults:
            body.emit_untranslated(fn, NotTranslated("the helper %s()'s parameters" % fn.name, fn), 0)
            pre.lines.extend(body.lines)
            continue
        params = [a.arg for a in fn.args.args]
        for p in params:
            scope.set(p, "local", (lua_name(p), "any"))
        body.emit(0, "local function %s(%s)" % (lua_name(fn.name), ", ".join(lua_name(p) for p in params)))
        body.block(fn.body, scope, 1, fn.lineno)
        body.emit(0, "end")
        pre.lines.extend(body.lines)
    if pre.lines:
        out.append("")
        out.extend(pre.lines)

    for direction in ("upgrade", "downgrade"):
        out.append("")
        fn = functions.get(direction)
        out.append("function %s()" % direction)
        if fn is None:
            out.append("  error(%s, 0)" % lua_str("%s() is missing in %s" % (direction, os.path.basename(path))))
        else:
            body = Body(imports, source_lines, direction)
            body.block(fn.body, Scope(module_scope), 1, fn.lineno)
            out.extend(body.lines)
        out.append("end")
    lua = "\n".join(out) + "\n"
    markers = []
    for n, line in enumerate(lua.split("\n"), 1):
        stripped = line.strip()
        if stripped.startswith(MARKER):
            rest = stripped[len(MARKER):]
            direction, _, construct = rest.partition(":")
            markers.append({"line": n, "direction": direction.strip(), "construct": construct.strip()})
    return {"revision": header["revision"], "lua": lua, "markers": markers,
            "source_sha256": hashlib.sha256(raw).hexdigest()}


def version_files(locations):
    """Revision files as Alembic 1.8 lists them: each location in order,
    *.py files (not __init__.py) in directory order."""
    out = []
    for loc in locations:
        if not os.path.isdir(loc):
            raise ImportFailure("%s: version location not found" % loc)
        for name in os.listdir(loc):
            if name.endswith(".py") and name != "__init__.py" and not name.startswith("."):
                out.append(os.path.join(loc, name))
    return out


def read_project(request):
    ini = read_ini(request["ini"]) if request.get("ini") else {}
    if request.get("pyproject"):
        for k, v in read_pyproject(request["pyproject"]).items():
            ini.setdefault(k, v)
    base = request["src"]
    script_location = ini.get("script_location")
    if not script_location:
        raise ImportFailure("%s: script_location is not set" % (request.get("ini") or request["src"]))
    if ":" in script_location and not os.path.isabs(script_location) and not script_location.startswith("."):
        raise ImportFailure("script_location %s is a package resource; give a directory" % script_location)
    script_dir = script_location if os.path.isabs(script_location) else os.path.join(base, script_location)
    if ini.get("version_locations"):
        locations = [l if os.path.isabs(l) else os.path.join(base, l) for l in
                     split_locations(ini["version_locations"], ini.get("version_path_separator"))]
    else:
        locations = [os.path.join(script_dir, "versions")]
    settings, notes = read_env_py(os.path.join(script_dir, "env.py"))
    config = {"script_dir": script_dir, "version_locations": locations}
    for key in ("file_template", "truncate_slug_length", "timezone"):
        if key in ini:
            config[key] = ini[key]
    if ini.get("prepend_sys_path"):
        # Alembic splits it on spaces and commas; relative to the project.
        config["python_path"] = [os.path.normpath(os.path.join(base, p))
                                 for p in split_locations(ini["prepend_sys_path"], None)]
    if "sqlalchemy.url" in ini and "url" not in settings:
        url = ini["sqlalchemy.url"]
        if url and "driver://" not in url:
            config["url"] = url
    config.update(settings)
    revisions = []
    for path in version_files(locations):
        item = {"source": path}
        try:
            item.update(translate_revision(path))
        except ImportFailure as e:
            item["error"] = str(e)
        revisions.append(item)
    return {"config": config, "notes": notes, "revisions": revisions}


def main():
    request = json.loads(sys.argv[1])
    try:
        result = read_project(request)
    except ImportFailure as e:
        sys.stderr.write("strata-python-error: " + str(e).replace("\n", " ") + "\n")
        sys.exit(3)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
