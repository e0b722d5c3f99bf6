# strata import-alembic, part 3 of 6: expressions of a revision body —
# names resolved through the file's imports, literals and string building,
# SQLAlchemy types, columns, constraints and defaults — as Lua text.

FAMILIES = [("sqlalchemy.dialects.postgresql", "pg"), ("sqlalchemy.dialects.mysql", "mysql"),
            ("sqlalchemy.dialects.sqlite", "sqlite"), ("sqlalchemy.dialects.mssql", "mssql"),
            ("sqlalchemy.orm", "orm"), ("sqlalchemy", "sa"), ("alembic.op", "op"),
            ("alembic.context", "context"), ("alembic", "alembic")]


class Scope:
    """What the names of one function body mean. kinds: 'local' (a Lua
    local), 'row' (a query row), 'bind', 'context', 'xargs', 'table'
    (sa.table shape: value (name, schema, columns, types)), 'enum'
    (EnumType), 'batch', 'helper' (a translated module-level function)."""

    def __init__(self, parent=None):
        self.parent, self.names = parent, {}

    def get(self, name):
        s = self
        while s is not None:
            if name in s.names:
                return s.names[name]
            s = s.parent
        return None

    def set(self, name, kind, value=None):
        self.names[name] = (kind, value)


class Expressions:
    def __init__(self, imports):
        self.imports = imports  # local name -> dotted import path
        self.qualified_cache = {}

    # ---- names -----------------------------------------------------------------
    def qualified(self, node):
        """(family, rest) of an imported SQLAlchemy / Alembic name: sa.String
        -> ('sa', 'String'), postgresql.JSONB -> ('pg', 'JSONB'); or None."""
        name = dotted(node)
        if not name:
            return None
        if name in self.qualified_cache:
            return self.qualified_cache[name]
        result = self.qualify_name(name)
        self.qualified_cache[name] = result
        return result

    def qualify_name(self, name):
        head, _, tail = name.partition(".")
        if head not in self.imports:
            return None
        full = self.imports[head] + ("." + tail if tail else "")
        for prefix, family in FAMILIES:
            if full == prefix or full.startswith(prefix + "."):
                return family, full[len(prefix) + 1:]
        return None

    def kind_of(self, node, *families):
        """The last name of a qualified SQLAlchemy reference in `families`."""
        q = self.qualified(node)
        if q and q[0] in families:
            rest = q[1]
            # sa.types.Integer, sa.sql.sqltypes.Integer, sa.schema.Column ...
            return rest.split(".")[-1] if not rest.startswith("func.") else rest
        return None

    # ---- plain values -----------------------------------------------------------
    def literal(self, node):
        """A Python literal (no names), or raise."""
        try:
            return ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            raise NotTranslated("a computed value (%s)" % short(node), node)

    def value(self, node, scope):
        """A value expression as Lua: literals, locals, string building,
        op.f, sa.text, x-arguments, the dialect name."""
        text, _ = self.typed(node, scope)
        return text

    def string(self, node, scope):
        text, kind = self.typed(node, scope)
        if kind not in ("str", "any", "row"):
            raise NotTranslated("a %s where a string is expected" % kind, node)
        return text

    def typed(self, node, scope):
        """(lua_text, kind) with kind in str, num, bool, nil, table, any, row."""
        if isinstance(node, ast.Constant):
            v = node.value
            kind = ("nil" if v is None else "bool" if isinstance(v, bool) else
                    "num" if isinstance(v, (int, float)) else "str" if isinstance(v, str) else None)
            if kind is None:
                raise NotTranslated("the constant %r" % (v,), node)
            return lua_literal(v), kind
        if isinstance(node, (ast.List, ast.Tuple)):
            return "{" + ", ".join(self.value(e, scope) for e in node.elts) + "}", "table"
        if isinstance(node, ast.Dict):
            items = []
            for k, v in zip(node.keys, node.values):
                if not (isinstance(k, ast.Constant) and isinstance(k.value, str)):
                    raise NotTranslated("a dict with computed keys", node)
                items.append("%s = %s" % (lua_key(k.value), self.value(v, scope)))
            return "{" + ", ".join(items) + "}", "table"
        if isinstance(node, ast.Name):
            entry = scope.get(node.id)
            if entry and entry[0] == "local":
                return entry[1][0], entry[1][1]
            if entry and entry[0] == "row":
                return lua_name(node.id), "row"
            raise NotTranslated("the name '%s'" % node.id, node)
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                if isinstance(v, ast.Constant):
                    parts.append(lua_str(v.value))
                elif isinstance(v, ast.FormattedValue):
                    if v.format_spec is not None or v.conversion not in (-1, ord("s")):
                        raise NotTranslated("an f-string format spec", node)
                    text, kind = self.typed(v.value, scope)
                    parts.append(text if kind == "str" else "tostring(%s)" % text)
            return " .. ".join(parts) if parts else '""', "str"
        if isinstance(node, ast.BinOp):
            return self.binop(node, scope)
        if isinstance(node, ast.BoolOp):
            op = " and " if isinstance(node.op, ast.And) else " or "
            return "(" + op.join(self.condition(v, scope) for v in node.values) + ")", "bool"
        if isinstance(node, (ast.Compare, ast.UnaryOp)):
            return self.condition(node, scope), "bool"
        if isinstance(node, ast.Attribute) and self.is_dialect_name(node, scope):
            return "op.dialect", "str"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and scope.get(node.value.id) and scope.get(node.value.id)[0] == "row":
            return "%s.%s" % (lua_name(node.value.id), node.attr), "row"
        if isinstance(node, ast.Subscript):
            return self.subscript(node, scope)
        if isinstance(node, ast.Call):
            return self.call_value(node, scope)
        raise NotTranslated("the expression %s" % short(node), node)

    def binop(self, node, scope):
        left, lk = self.typed(node.left, scope)
        if isinstance(node.op, ast.Mod) and lk == "str":
            args = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
            fmt = node.left.value if isinstance(node.left, ast.Constant) else None
            if fmt is None or re.search(r"%[^sd%]", fmt.replace("%%", "")) \
                    or isinstance(node.right, ast.Dict):
                raise NotTranslated("%-formatting other than %s / %d", node)
            vals = [self.value(a, scope) for a in args]
            return "string.format(%s)" % ", ".join([left] + vals), "str"
        right, rk = self.typed(node.right, scope)
        if "row" in (lk, rk):
            raise NotTranslated("Python logic over query results", node)
        if isinstance(node.op, ast.Add) and "str" in (lk, rk):
            return "%s .. %s" % (left, right), "str"
        ops = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*"}
        if type(node.op) in ops and lk == rk == "num":
            return "(%s %s %s)" % (left, ops[type(node.op)], right), "num"
        raise NotTranslated("the expression %s" % short(node), node)

    def condition(self, node, scope):
        """A boolean test as Lua (Python truthiness of strings/numbers is not
        Lua's, so only comparisons and booleans are accepted)."""
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return "not (%s)" % self.condition(node.operand, scope)
        if isinstance(node, ast.BoolOp):
            op = " and " if isinstance(node.op, ast.And) else " or "
            return "(" + op.join(self.condition(v, scope) for v in node.values) + ")"
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            cmp, right_node = node.ops[0], node.comparators[0]
            if isinstance(cmp, (ast.In, ast.NotIn)):
                if self.is_xargs(right_node, scope):
                    test = "(op.x(%s) ~= nil)" % self.string(node.left, scope)
                else:
                    left = self.value(node.left, scope)
                    if not isinstance(right_node, (ast.List, ast.Tuple, ast.Set)):
                        raise NotTranslated("'in' over %s" % short(right_node), node)
                    test = "(" + " or ".join("%s == %s" % (left, self.value(e, scope))
                                             for e in right_node.elts) + ")"
                return test if isinstance(cmp, ast.In) else "not " + test
            ops = {ast.Eq: "==", ast.NotEq: "~=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
                   ast.GtE: ">=", ast.Is: "==", ast.IsNot: "~="}
            if type(cmp) in ops:
                left, lk = self.typed(node.left, scope)
                right, rk = self.typed(right_node, scope)
                if "row" in (lk, rk):
                    raise NotTranslated("Python logic over query results", node)
                return "%s %s %s" % (left, ops[type(cmp)], right)
        text, kind = self.typed(node, scope)
        if kind == "bool":
            return text
        raise NotTranslated("the test %s (Python truthiness)" % short(node), node)

    def subscript(self, node, scope):
        if self.is_xargs(node.value, scope):
            return "op.x(%s)" % self.string(node.slice, scope), "any"
        if isinstance(node.value, ast.Name) and scope.get(node.value.id) \
                and scope.get(node.value.id)[0] == "row":
            key = node.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                return "%s[%s]" % (lua_name(node.value.id), lua_str(key.value)), "row"
            raise NotTranslated("a query row read by position", node)
        raise NotTranslated("the subscript %s" % short(node), node)

    def call_value(self, node, scope):
        func = node.func
        if (self.kind_of(func, "op") == "f" or isinstance(func, ast.Attribute) and func.attr == "f"
                and isinstance(func.value, ast.Name) and scope.get(func.value.id)
                and scope.get(func.value.id)[0] == "batch") and len(node.args) == 1:
            return "op.f(%s)" % self.string(node.args[0], scope), "str"
        if self.kind_of(func, "op") == "inline_literal" and node.args:
            return self.typed(node.args[0], scope)
        if self.kind_of(func, "sa") == "text" and len(node.args) == 1 and not node.keywords:
            return self.string(node.args[0], scope), "str"
        if isinstance(func, ast.Attribute) and func.attr == "get" and self.is_xargs(func.value, scope):
            args = [self.string(node.args[0], scope)] + [self.value(a, scope) for a in node.args[1:]]
            return "op.x(%s)" % ", ".join(args), "any"
        if isinstance(func, ast.Attribute) and func.attr == "format" \
                and isinstance(func.value, ast.Constant) and isinstance(func.value.value, str):
            return self.str_format(func.value.value, node, scope), "str"
        if isinstance(func, ast.Attribute) and func.attr == "join" and len(node.args) == 1 \
                and isinstance(func.value, ast.Constant) and isinstance(func.value.value, str):
            return "table.concat(%s, %s)" % (self.value(node.args[0], scope),
                                             lua_str(func.value.value)), "str"
        if isinstance(func, ast.Attribute) and func.attr in ("upper", "lower") and not node.args:
            text, kind = self.typed(func.value, scope)
            if kind == "str":
                return "string.%s(%s)" % (func.attr, text), "str"
        if isinstance(func, ast.Name) and func.id == "str" and len(node.args) == 1:
            text, kind = self.typed(node.args[0], scope)
            return ("tostring(%s)" % text if kind != "str" else text), "str"
        if isinstance(func, ast.Name) and scope.get(func.id) and scope.get(func.id)[0] == "helper":
            if node.keywords:
                raise NotTranslated("keyword arguments to %s()" % func.id, node)
            return "%s(%s)" % (lua_name(func.id), ", ".join(self.value(a, scope) for a in node.args)), "any"
        raise NotTranslated("the call %s" % short(node), node)

    def str_format(self, fmt, node, scope):
        import string as _string
        parts, auto = [], 0
        for literal, field, spec, conv in _string.Formatter().parse(fmt):
            if literal:
                parts.append(lua_str(literal))
            if field is None:
                continue
            if spec or conv:
                raise NotTranslated("a str.format spec", node)
            if field == "":
                arg = node.args[auto]
                auto += 1
            elif field.isdigit():
                arg = node.args[int(field)]
            else:
                kws = [k for k in node.keywords if k.arg == field]
                if not kws:
                    raise NotTranslated("str.format field {%s}" % field, node)
                arg = kws[0].value
            text, kind = self.typed(arg, scope)
            parts.append(text if kind == "str" else "tostring(%s)" % text)
        return " .. ".join(parts) if parts else '""'

    # ---- context forms -----------------------------------------------------------
    def is_bind(self, node, scope):
        """op.get_bind(), a name bound to it, or op.get_context().bind / .connection."""
        if isinstance(node, ast.Call) and self.kind_of(node.func, "op") == "get_bind":
            return True
        if isinstance(node, ast.Name):
            entry = scope.get(node.id)
            return bool(entry and entry[0] == "bind")
        if isinstance(node, ast.Attribute) and node.attr in ("bind", "connection") \
                and self.is_context(node.value, scope):
            return True
        return False

    def is_context(self, node, scope):
        if isinstance(node, ast.Call) and (self.kind_of(node.func, "op") == "get_context"
                                           or self.kind_of(node.func, "context") == "get_context"):
            return True
        if isinstance(node, ast.Name):
            entry = scope.get(node.id)
            return bool(entry and entry[0] == "context")
        return False

    def is_dialect_name(self, node, scope):
        """bind.dialect.name, bind.engine.name, op.get_context().dialect.name ..."""
        if not isinstance(node, ast.Attribute) or node.attr != "name":
            return False
        inner = node.value
        if isinstance(inner, ast.Attribute) and inner.attr == "dialect":
            base = inner.value
            if isinstance(base, ast.Attribute) and base.attr == "engine":
                base = base.value
            return self.is_bind(base, scope) or self.is_context(base, scope)
        if isinstance(inner, ast.Attribute) and inner.attr == "engine":
            return self.is_bind(inner.value, scope)
        return False

    def is_xargs(self, node, scope):
        if isinstance(node, ast.Call) and self.kind_of(node.func, "context") == "get_x_argument":
            kw = {k.arg: k.value for k in node.keywords}
            if "as_dictionary" in kw and isinstance(kw["as_dictionary"], ast.Constant) \
                    and kw["as_dictionary"].value is True:
                return True
            raise NotTranslated("context.get_x_argument() as a list", node)
        if isinstance(node, ast.Name):
            entry = scope.get(node.id)
            return bool(entry and entry[0] == "xargs")
        return False

    # ---- SQLAlchemy types --------------------------------------------------------
    def enum_type(self, node, scope):
        """An EnumType when `node` is sa.Enum(...) / postgresql.ENUM(...) or a
        name bound to one, else None."""
        if isinstance(node, ast.Name):
            entry = scope.get(node.id)
            return entry[1] if entry and entry[0] == "enum" else None
        if not isinstance(node, ast.Call):
            return None
        family_name = self.qualified(node.func)
        if not family_name:
            return None
        family, rest = family_name
        last = rest.split(".")[-1]
        if not ((family == "sa" and last == "Enum") or (family == "pg" and last == "ENUM")):
            return None
        kw = {k.arg: k.value for k in node.keywords}
        values = [self.literal(a) for a in node.args]
        if not all(isinstance(v, str) for v in values):
            raise NotTranslated("an Enum over a Python enum class", node)
        if "name" not in kw:
            if family == "sa" and "native_enum" in kw and self.literal(kw["native_enum"]) is False:
                return EnumType("", values, None, False, False, False)
            raise NotTranslated("an Enum without a name", node)
        name = self.literal(kw["name"])
        schema = self.literal(kw["schema"]) if "schema" in kw else None
        create = self.literal(kw["create_type"]) if "create_type" in kw else True
        native = self.literal(kw["native_enum"]) if "native_enum" in kw else True
        for k in kw:
            if k not in ("name", "schema", "create_type", "native_enum", "metadata",
                         "validate_strings", "values_callable", "inherit_schema",
                         "create_constraint", "length"):
                raise NotTranslated("Enum(%s=...)" % k, node)
        return EnumType(name, values, schema, create, family == "pg", native)

    def type_text(self, node, scope):
        """A SQLAlchemy type as strata's Lua type value."""
        enum = self.enum_type(node, scope)
        if enum is not None:
            return enum.column_type()
        call = node if isinstance(node, ast.Call) else None
        ref = node.func if call else node
        q = self.qualified(ref)
        if not q or q[0] not in ("sa", "pg", "mysql", "sqlite", "mssql"):
            raise NotTranslated("the type %s" % short(node), node)
        family, name = q[0], q[1].split(".")[-1]
        args = list(call.args) if call else []
        kw = {k.arg: k.value for k in call.keywords} if call else {}

        def arg(i, key, default=None):
            if len(args) > i:
                return self.literal(args[i])
            if key in kw:
                return self.literal(kw[key])
            return default

        def only(*allowed):
            for k in kw:
                if k not in allowed:
                    raise NotTranslated("%s(%s=...)" % (name, k), node)

        if family == "mysql" and name in MYSQL_INTS and (args or kw):
            only("display_width", "unsigned", "zerofill")
            width = arg(0, "display_width")
            text = name + ("(%d)" % width if width else "")
            text += " UNSIGNED" if arg(99, "unsigned") else ""
            text += " ZEROFILL" if arg(99, "zerofill") else ""
            return lua_str(text)
        if name in INTEGER_TYPES:
            only()
            return INTEGER_TYPES[name]
        if name in STRING_TYPES:
            only("length")
            n = arg(0, "length")
            return "op.String(%d)" % n if n else "op.String"
        if name in ("CHAR", "NCHAR"):
            only("length")
            n = arg(0, "length")
            return lua_str("CHAR(%d)" % n if n else "CHAR")
        if name in TEXT_TYPES:
            only()
            return "op.Text"
        if name in ("Boolean", "BOOLEAN"):
            only("create_constraint", "name")
            if arg(99, "create_constraint"):
                raise NotTranslated("Boolean(create_constraint=True)", node)
            return "op.Boolean"
        if name in ("Numeric", "NUMERIC", "DECIMAL"):
            only("precision", "scale", "asdecimal")
            p, s = arg(0, "precision"), arg(1, "scale")
            if name == "DECIMAL" and family == "sa" and p is None:
                return lua_str("DECIMAL")
            return "op.Numeric(%d, %d)" % (p, s) if p is not None and s is not None else \
                "op.Numeric(%d)" % p if p is not None else "op.Numeric"
        if name in ("Float", "FLOAT"):
            only("precision", "asdecimal", "decimal_return_scale")
            p = arg(0, "precision")
            return "op.Float(%d)" % p if p else "op.Float"
        if name in ("Date", "DATE"):
            only()
            return "op.Date"
        if name in ("DateTime", "DATETIME") or (name == "TIMESTAMP" and family == "pg"):
            only("timezone", "fsp", "precision")
            if family == "mysql" and arg(99, "fsp"):
                return lua_str("DATETIME(%d)" % arg(99, "fsp"))
            if arg(99, "precision") is not None:
                raise NotTranslated("%s(precision=...)" % name, node)
            return "op.DateTime{timezone = true}" if arg(0, "timezone") else "op.DateTime"
        if name == "TIMESTAMP":
            only("timezone", "fsp")
            if family == "mysql" and arg(99, "fsp"):
                return lua_str("TIMESTAMP(%d)" % arg(99, "fsp"))
            return lua_str("TIMESTAMP WITH TIME ZONE" if arg(0, "timezone") else "TIMESTAMP")
        if name in ("Time", "TIME"):
            only("timezone", "fsp", "precision")
            if arg(99, "precision") is not None or arg(99, "fsp"):
                raise NotTranslated("%s with a precision" % name, node)
            return "op.Time{timezone = true}" if arg(0, "timezone") else "op.Time"
        if name in ("LargeBinary", "BYTEA") or (name == "BINARY" and family == "sa" and not args):
            only("length")
            return "op.LargeBinary"
        if name == "JSON":
            only("none_as_null", "astext_type")
            return "op.JSON"
        if name in ("UUID", "Uuid"):
            only("as_uuid", "native_uuid")
            return "op.UUID"
        if name == "ARRAY":
            only("item_type", "dimensions", "as_tuple", "zero_indexes")
            item = args[0] if args else kw.get("item_type")
            if item is None:
                raise NotTranslated("ARRAY without an item type", node)
            dims = arg(1, "dimensions") or 1
            return lua_str(self.pg_sql(item, scope) + "[]" * dims)
        if name in RAW_TYPES:
            only("astext_type", "none_as_null")  # Python-side only: not in the DDL
            return lua_str(RAW_TYPES[name])
        if family == "mysql" and name in ("VARCHAR", "CHAR") :
            only("length")
        raise NotTranslated("the type %s" % short(node), node)

    def pg_sql(self, node, scope):
        """PostgreSQL SQL text of a type (for ARRAY items)."""
        text = self.type_text(node, scope)
        m = re.match(r"^op\.(String|Numeric|Float)\((\d+)(?:, (\d+))?\)$", text)
        if m:
            base = PG_SQL["op." + m.group(1)] if m.group(1) != "Float" else "FLOAT"
            return "%s(%s)" % (base, m.group(2) + (", " + m.group(3) if m.group(3) else ""))
        if text == "op.DateTime{timezone = true}":
            return "TIMESTAMP WITH TIME ZONE"
        if text in PG_SQL:
            return PG_SQL[text]
        if text.startswith('"'):
            return ast.literal_eval(text)
        raise NotTranslated("the array item type %s" % short(node), node)


def short(node):
    """A node's source, shortened for messages."""
    try:
        text = ast.unparse(node)
    except Exception:  # noqa: BLE001 - unparse of an odd node
        text = type(node).__name__
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."
