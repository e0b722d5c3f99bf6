# strata import-alembic, part 5 of 6: statements of upgrade()/downgrade() —
# Alembic's op.* calls, batch_alter_table, autocommit blocks, data
# migrations through op.get_bind(), loops over literal lists, branches on
# the dialect name — as Lua lines. A statement that cannot be translated
# becomes a marker line plus the Python kept as a comment (emit_untranslated).

MARKER = "-- strata:not-translated"

# Alembic's op functions: positional parameter names (after which keywords).
OP_PARAMS = {
    "create_table": ["table_name"], "drop_table": ["table_name"],
    "add_column": ["table_name", "column"], "drop_column": ["table_name", "column_name"],
    "alter_column": ["table_name", "column_name"],
    "create_index": ["index_name", "table_name", "columns"],
    "drop_index": ["index_name", "table_name"],
    "create_unique_constraint": ["constraint_name", "table_name", "columns"],
    "create_primary_key": ["constraint_name", "table_name", "columns"],
    "create_foreign_key": ["constraint_name", "source_table", "referent_table", "local_cols",
                           "remote_cols"],
    "create_check_constraint": ["constraint_name", "table_name", "condition"],
    "drop_constraint": ["constraint_name", "table_name", "type_"],
    "rename_table": ["old_table_name", "new_table_name"],
    "create_table_comment": ["table_name", "comment"],
    "drop_table_comment": ["table_name"],
    "execute": ["sqltext"], "bulk_insert": ["table", "rows"],
}
# batch_op.* : the same without the table.
BATCH_PARAMS = {
    "add_column": ["column"], "drop_column": ["column_name"], "alter_column": ["column_name"],
    "create_index": ["index_name", "columns"], "drop_index": ["index_name"],
    "create_unique_constraint": ["constraint_name", "columns"],
    "create_primary_key": ["constraint_name", "columns"],
    "create_foreign_key": ["constraint_name", "referent_table", "local_cols", "remote_cols"],
    "create_check_constraint": ["constraint_name", "condition"],
    "drop_constraint": ["constraint_name", "type_"],
}
# alter_column keywords: Alembic name -> strata name.
ALTER_KEYS = {"nullable": "nullable", "new_column_name": "new_column_name", "type_": "type_",
              "existing_type": "existing_type", "existing_nullable": "existing_nullable",
              "postgresql_using": "postgresql_using", "existing_comment": "existing_comment",
              "existing_server_default": "existing_server_default",
              "existing_autoincrement": "existing_autoincrement"}


def bind_args(node, params, what):
    """An op call's arguments by Alembic parameter name."""
    out = {}
    for i, a in enumerate(node.args):
        if isinstance(a, ast.Starred):
            raise NotTranslated("*arguments to %s" % what, node)
        out[params[i] if i < len(params) else i] = a
    for k in node.keywords:
        if k.arg is None:
            raise NotTranslated("**keywords to %s" % what, node)
        out[k.arg] = k.value
    return out


class Body(SchemaItems):
    """Translates one function body; `lines` collects Lua text."""

    def __init__(self, imports, source_lines, direction):
        super().__init__(imports)
        self.source_lines = source_lines
        self.direction = direction  # "upgrade", "downgrade" or "" (a helper)
        self.lines = []

    def emit(self, depth, text):
        for line in text.split("\n"):
            self.lines.append("  " * depth + line if line else "")

    # ---- statements -------------------------------------------------------------
    def block(self, stmts, scope, depth, prev_end):
        for st in stmts:
            self.comments(prev_end, st.lineno, depth)
            mark = len(self.lines)
            try:
                self.statement(st, scope, depth)
            except NotTranslated as e:
                del self.lines[mark:]
                self.emit_untranslated(st, e, depth)
            except Exception as e:  # noqa: BLE001 - a translator bug must not stop the import
                del self.lines[mark:]
                self.emit_untranslated(st, NotTranslated("a construct the translator failed on (%s: %s)"
                                                         % (type(e).__name__, e), st), depth)
            prev_end = st.end_lineno
        return prev_end

    def comments(self, after, before, depth):
        """Python comment lines between two statements, as Lua comments."""
        for n in range(after + 1, before):
            text = self.source_lines[n - 1].strip() if n - 1 < len(self.source_lines) else ""
            if text.startswith("#"):
                self.emit(depth, "--" + text[1:])

    def emit_untranslated(self, st, error, depth):
        where = getattr(error.node, "lineno", None) or st.lineno
        label = (" " + self.direction) if self.direction else ""
        self.emit(depth, "%s%s: %s (python line %d)" % (MARKER, label, error.construct, where))
        src = self.source_lines[st.lineno - 1:st.end_lineno]
        indent = min((len(l) - len(l.lstrip()) for l in src if l.strip()), default=0)
        body = "\n".join(l[indent:].rstrip() for l in src)
        level = 1
        while ("]" + "=" * level + "]") in body:
            level += 1
        eq = "=" * level
        self.emit(depth, "--[" + eq + "[ python:\n" + body + "\n]" + eq + "]")

    def statement(self, st, scope, depth):
        if isinstance(st, ast.Pass):
            return
        if isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant) \
                and isinstance(st.value.value, str):
            return  # a docstring
        if isinstance(st, ast.Expr) and isinstance(st.value, ast.Call):
            return self.call_statement(st.value, scope, depth)
        if isinstance(st, (ast.Assign, ast.AnnAssign)):
            return self.assign(st, scope, depth)
        if isinstance(st, ast.AugAssign) and isinstance(st.target, ast.Name):
            entry = scope.get(st.target.id)
            if entry and entry[0] == "local" and isinstance(st.op, ast.Add):
                value, kind = self.typed(st.value, scope)
                op = ".." if entry[1][1] == "str" else "+"
                name = entry[1][0]
                return self.emit(depth, "%s = %s %s %s" % (name, name, op, value))
            raise NotTranslated("the update %s" % short(st), st)
        if isinstance(st, ast.For):
            return self.for_loop(st, scope, depth)
        if isinstance(st, ast.If):
            return self.if_statement(st, scope, depth)
        if isinstance(st, ast.With):
            return self.with_statement(st, scope, depth)
        if isinstance(st, ast.Return) and st.value is None:
            return self.emit(depth, "do return end")
        if isinstance(st, ast.Return):
            return self.emit(depth, "do return %s end" % self.value(st.value, scope))
        if isinstance(st, ast.Raise) and isinstance(st.exc, ast.Call) \
                and isinstance(st.exc.func, ast.Name) and len(st.exc.args) <= 1:
            msg = st.exc.func.id
            if st.exc.args:
                msg_lua = "%s .. %s" % (lua_str(msg + ": "), self.string(st.exc.args[0], scope))
            else:
                msg_lua = lua_str(msg)
            return self.emit(depth, "error(%s, 0)" % msg_lua)
        raise NotTranslated(type(st).__name__.lower() + " statement", st)

    def assign(self, st, scope, depth):
        targets = st.targets if isinstance(st, ast.Assign) else [st.target]
        value = st.value
        if value is None or len(targets) != 1 or not isinstance(targets[0], ast.Name):
            raise NotTranslated("the assignment %s" % short(st), st)
        name = targets[0].id
        if self.is_bind(value, scope):
            return scope.set(name, "bind")
        if self.is_context(value, scope):
            return scope.set(name, "context")
        if isinstance(value, ast.Call) and self.kind_of(value.func, "context") == "get_x_argument" \
                and self.is_xargs(value, scope):
            return scope.set(name, "xargs")
        if isinstance(value, ast.Call) and self.kind_of(value.func, "sa") in ("table", "Table"):
            return scope.set(name, "table", self.table_shape(value, scope))
        enum = self.enum_type(value, scope)
        if enum is not None:
            return scope.set(name, "enum", enum)
        query = self.query_call(value, scope)
        if query is not None:
            scope.set(name, "local", (lua_name(name), "table"))
            return self.emit(depth, "local %s = %s" % (lua_name(name), query))
        text, kind = self.typed(value, scope)
        existing = scope.get(name)
        if existing and existing[0] == "local" and name in scope.names:
            scope.set(name, "local", (lua_name(name), kind))
            return self.emit(depth, "%s = %s" % (lua_name(name), text))
        scope.set(name, "local", (lua_name(name), kind))
        self.emit(depth, "local %s = %s" % (lua_name(name), text))

    def table_shape(self, node, scope):
        """sa.table("t", sa.column("a", sa.Integer), ..., schema=...)."""
        if not node.args:
            raise NotTranslated("sa.table without a name", node)
        name = self.string(node.args[0], scope)
        columns, types = [], []
        for c in node.args[1:]:
            if not (isinstance(c, ast.Call) and self.kind_of(c.func, "sa") in ("column", "Column")
                    and c.args and isinstance(c.args[0], ast.Constant)):
                raise NotTranslated("a table column %s" % short(c), c)
            columns.append(c.args[0].value)
            if len(c.args) > 1:
                types.append((c.args[0].value, self.type_text(c.args[1], scope)))
        schema = None
        for k in node.keywords:
            if k.arg == "schema":
                schema = self.value(k.value, scope)
            else:
                raise NotTranslated("sa.table(%s=...)" % k.arg, node)
        return name, schema, columns, types

    def query_call(self, node, scope):
        """bind.execute(text).fetchall() / .mappings().all() / bare execute
        assigned to a name: op.query(sql) (rows keyed by column)."""
        call = node
        while isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                and call.func.attr in ("fetchall", "all", "mappings") and not call.args:
            call = call.func.value
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                and call.func.attr == "execute" and self.is_bind(call.func.value, scope) \
                and len(call.args) == 1 and not call.keywords:
            return "op.query(%s)" % self.sql_text(call.args[0], scope)
        return None

    def for_loop(self, st, scope, depth):
        if st.orelse:
            raise NotTranslated("for ... else", st)
        inner = Scope(scope)
        query = self.query_call(st.iter, scope)
        if query is not None:
            if not isinstance(st.target, ast.Name):
                raise NotTranslated("a query row unpacked", st)
            inner.set(st.target.id, "row")
            head = "for _, %s in ipairs(%s) do" % (lua_name(st.target.id), query)
            unpack = None
        else:
            if isinstance(st.iter, ast.Call) and isinstance(st.iter.func, ast.Name) \
                    and st.iter.func.id == "range":
                bounds = [self.value(a, scope) for a in st.iter.args]
                if not isinstance(st.target, ast.Name) or len(bounds) > 2:
                    raise NotTranslated("this range()", st)
                lo, hi = ("0", bounds[0]) if len(bounds) == 1 else bounds
                var = lua_name(st.target.id)
                inner.set(st.target.id, "local", (var, "num"))
                self.emit(depth, "for %s = %s, (%s) - 1 do" % (var, lo, hi))
                self.block(st.body, inner, depth + 1, st.lineno)
                return self.emit(depth, "end")
            if isinstance(st.iter, ast.Call) and isinstance(st.iter.func, ast.Attribute) \
                    and st.iter.func.attr == "items" and isinstance(st.iter.func.value, ast.Dict):
                d = st.iter.func.value
                items = ast.Tuple(elts=[ast.Tuple(elts=[k, v], ctx=ast.Load())
                                        for k, v in zip(d.keys, d.values)], ctx=ast.Load())
                seq = self.value(items, scope)
            else:
                seq, kind = self.typed(st.iter, scope)
                if kind != "table":
                    raise NotTranslated("a loop over %s" % short(st.iter), st)
            if isinstance(st.target, ast.Name):
                var = lua_name(st.target.id)
                inner.set(st.target.id, "local", (var, "any"))
                head, unpack = "for _, %s in ipairs(%s) do" % (var, seq), None
            elif isinstance(st.target, ast.Tuple) and all(isinstance(e, ast.Name) for e in st.target.elts):
                names = [lua_name(e.id) for e in st.target.elts]
                for e in st.target.elts:
                    inner.set(e.id, "local", (lua_name(e.id), "any"))
                head = "for _, item_ in ipairs(%s) do" % seq
                unpack = "local %s = %s" % (", ".join(names),
                                            ", ".join("item_[%d]" % (i + 1) for i in range(len(names))))
            else:
                raise NotTranslated("the loop target %s" % short(st.target), st)
        self.emit(depth, head)
        if unpack:
            self.emit(depth + 1, unpack)
        self.block(st.body, inner, depth + 1, st.lineno)
        self.emit(depth, "end")

    def if_statement(self, st, scope, depth):
        self.emit(depth, "if %s then" % self.condition(st.test, scope))
        end = self.block(st.body, Scope(scope), depth + 1, st.lineno)
        orelse = st.orelse
        while orelse:
            if len(orelse) == 1 and isinstance(orelse[0], ast.If):
                nested = orelse[0]
                self.emit(depth, "elseif %s then" % self.condition(nested.test, scope))
                end = self.block(nested.body, Scope(scope), depth + 1, nested.lineno)
                orelse = nested.orelse
            else:
                self.emit(depth, "else")
                self.block(orelse, Scope(scope), depth + 1, end)
                break
        self.emit(depth, "end")

    def with_statement(self, st, scope, depth):
        if len(st.items) != 1:
            raise NotTranslated("with over several contexts", st)
        item = st.items[0]
        ctx = item.context_expr
        if isinstance(ctx, ast.Call) and self.kind_of(ctx.func, "op") == "batch_alter_table":
            args = bind_args(ctx, ["table_name", "schema"], "batch_alter_table")
            opts = []
            for k, v in args.items():
                if k == "table_name":
                    continue
                if k == "schema":
                    if not (isinstance(v, ast.Constant) and v.value is None):
                        opts.append(("schema", self.value(v, scope)))
                elif k == "recreate":
                    if self.literal(v) not in ("auto", "always", "never"):
                        raise NotTranslated("recreate=%s" % short(v), ctx)
                elif k == "naming_convention":
                    continue  # strata names come from the ops (drop by name)
                else:
                    raise NotTranslated("batch_alter_table(%s=...)" % k, ctx)
            var = item.optional_vars.id if isinstance(item.optional_vars, ast.Name) else "batch_op"
            inner = Scope(scope)
            inner.set(var, "batch")
            head = ["op.batch_alter_table(%s" % self.string(args["table_name"], scope)]
            table_opts = options_table(opts)
            if table_opts:
                head.append(", " + table_opts)
            self.emit(depth, "".join(head) + ", function(%s)" % lua_name(var))
            self.block(st.body, inner, depth + 1, st.lineno)
            return self.emit(depth, "end)")
        if isinstance(ctx, ast.Call) and isinstance(ctx.func, ast.Attribute) \
                and ctx.func.attr == "autocommit_block" and self.is_context(ctx.func.value, scope):
            self.emit(depth, "op.autocommit_block(function()")
            self.block(st.body, Scope(scope), depth + 1, st.lineno)
            return self.emit(depth, "end)")
        raise NotTranslated("with %s" % short(ctx), st)

    # ---- call statements ----------------------------------------------------------
    def call_statement(self, node, scope, depth):
        func = node.func
        op_name = self.kind_of(func, "op")
        if op_name in OP_PARAMS:
            return getattr(self, "op_" + op_name)(bind_args(node, OP_PARAMS[op_name], "op." + op_name),
                                                  node, scope, depth)
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            entry = scope.get(func.value.id)
            if entry and entry[0] == "batch" and func.attr in BATCH_PARAMS:
                args = bind_args(node, BATCH_PARAMS[func.attr], "batch_op." + func.attr)
                return self.batch_call(lua_name(func.value.id), func.attr, args, node, scope, depth)
        if isinstance(func, ast.Attribute) and func.attr == "execute" and self.is_bind(func.value, scope):
            return self.emit(depth, "op.execute(%s)" % self.bound_sql(node, scope))
        if isinstance(func, ast.Attribute) and func.attr in ("create", "drop"):
            enum = self.enum_type(func.value, scope)
            if enum is not None:
                args = bind_args(node, ["bind", "checkfirst"], "Enum." + func.attr)
                if "bind" in args and not self.is_bind(args["bind"], scope):
                    raise NotTranslated("Enum.%s on %s" % (func.attr, short(args["bind"])), node)
                check = self.literal(args["checkfirst"]) if "checkfirst" in args else \
                    (func.attr == "create" and False)
                call = enum.create_call(bool(check)) if func.attr == "create" else enum.drop_call(bool(check))
                return self.emit(depth, 'if op.dialect == "postgresql" then %s end' % call)
        if isinstance(func, ast.Name) and scope.get(func.id) and scope.get(func.id)[0] == "helper":
            return self.emit(depth, self.call_value(node, scope)[0])
        if isinstance(func, ast.Name) and func.id == "print" or \
                isinstance(func, ast.Attribute) and func.attr in ("debug", "info", "warning", "warn") \
                and isinstance(func.value, ast.Name) and func.value.id in ("log", "logger", "logging", "LOG"):
            return self.emit(depth, "-- (python: %s)" % short(node))
        raise NotTranslated("the call %s" % short(node), node)

    def bound_sql(self, node, scope):
        """bind.execute(sql [, {params}]): params substituted as SQL literals
        the way sa.text binds them (:name outside of '::')."""
        if not node.args or len(node.args) > 2 or node.keywords:
            raise NotTranslated("execute(%s)" % short(node), node)
        target = node.args[0]
        if isinstance(target, ast.Call) and isinstance(target.func, ast.Attribute) \
                and target.func.attr == "bindparams":
            params = {k.arg: self.literal(k.value) for k in target.keywords}
            target = target.func.value
        elif len(node.args) == 2:
            params = self.literal(node.args[1])
            if not isinstance(params, dict):
                raise NotTranslated("execute() with several parameter sets", node)
        else:
            params = None
        if params is None:
            return self.sql_text(target, scope)
        if not (isinstance(target, ast.Call) and self.kind_of(target.func, "sa") == "text"
                and isinstance(target.args[0], ast.Constant)):
            raise NotTranslated("bind parameters on a computed statement", node)
        sql = target.args[0].value

        def sub(m):
            if m.group(1) not in params:
                raise NotTranslated("the bind parameter :%s has no value" % m.group(1), node)
            return sql_quote(params[m.group(1)])
        return lua_str(re.sub(r"(?<![:\w\x5c]):(\w+)(?!:)", sub, sql))

    def keep(self, value_node):
        return not (isinstance(value_node, ast.Constant) and value_node.value is None)

    def schema_opt(self, args, scope, key="schema"):
        v = args.get(key)
        return (key, self.value(v, scope)) if v is not None and self.keep(v) else None

    def refuse_unknown(self, args, allowed, node, what):
        for k in args:
            if not isinstance(k, int) and k not in allowed:
                raise NotTranslated("%s(%s=...)" % (what, k), node)

    def op_create_table(self, args, node, scope, depth):
        table = self.string(args["table_name"], scope)
        items = [v for k, v in sorted((k, v) for k, v in args.items() if isinstance(k, int))]
        self.refuse_unknown(args, {"table_name", "schema", "comment", "if_not_exists", "info",
                                   "mysql_engine"}, node, "create_table")
        if "mysql_engine" in args and self.literal(args["mysql_engine"]) != "InnoDB":
            raise NotTranslated("mysql_engine=%r" % self.literal(args["mysql_engine"]), node)
        schema = self.schema_opt(args, scope)
        extras, parts, indexes = {}, [], []
        for it in items:
            if isinstance(it, ast.Call) and self.kind_of(it.func, "sa") == "Column":
                parts.append(self.column(it, scope, table, schema, extras))
            elif isinstance(it, ast.Call) and self.kind_of(it.func, "sa") == "Index":
                indexes.append(it)
            elif isinstance(it, ast.Call):
                parts.append(self.constraint(it, scope))
            else:
                raise NotTranslated("the table item %s" % short(it), it)
        opts = [schema]
        if "comment" in args and self.keep(args["comment"]):
            opts.append(("comment", self.value(args["comment"], scope)))
        if "if_not_exists" in args and self.literal(args["if_not_exists"]):
            opts.append(("if_not_exists", "true"))
        index_lines = self.column_indexes(extras, table, schema, scope)
        for ix in indexes:
            index_lines.append(self.table_index(ix, table, schema, scope))
        seen = set()
        for enum in extras.get("enums", []):
            if enum.qualified() not in seen:
                seen.add(enum.qualified())
                self.emit(depth, 'if op.dialect == "postgresql" then %s end' % enum.create_call())
        body = ",\n  ".join([table] + parts + ([options_table([o for o in opts if o])]
                                               if options_table([o for o in opts if o]) else []))
        self.emit(depth, "op.create_table(" + body + ")")
        for line in index_lines:
            self.emit(depth, line)

    def column_indexes(self, extras, table, schema, scope):
        """Column(index=True): the index SQLAlchemy names ix_<table>_<column>."""
        out = []
        if not extras.get("indexes"):
            return out
        plain = ast.literal_eval(table) if table.startswith('"') else None
        for col in extras.get("indexes", []):
            if plain is None:
                raise NotTranslated("index=True on a computed table name")
            opts = [schema] + ([("unique", "true")] if col in extras.get("unique_indexes", []) else [])
            out.append(call_text("op.create_index", [lua_str("ix_%s_%s" % (plain, col)), table,
                                                     lua_literal([col])],
                                 options_table([o for o in opts if o])))
        return out

    def table_index(self, node, table, schema, scope):
        if not node.args:
            raise NotTranslated("an Index without a name", node)
        name = self.value(node.args[0], scope)
        cols = "{" + ", ".join(self.index_element(a, scope) for a in node.args[1:]) + "}"
        kw = {k.arg: k.value for k in node.keywords}
        opts = ([schema] if schema else []) + self.index_options(kw, scope, node)
        return call_text("op.create_index", [name, table, cols], options_table(opts))

    def op_drop_table(self, args, node, scope, depth):
        self.refuse_unknown(args, {"table_name", "schema", "if_exists", "info"}, node, "drop_table")
        if any(isinstance(k, int) and k > 0 for k in args):
            raise NotTranslated("drop_table with columns", node)
        opts = [self.schema_opt(args, scope)]
        if "if_exists" in args and self.literal(args["if_exists"]):
            opts.append(("if_exists", "true"))
        self.emit(depth, call_text("op.drop_table", [self.string(args["table_name"], scope)],
                                   options_table([o for o in opts if o])))

    def op_add_column(self, args, node, scope, depth):
        self.refuse_unknown(args, {"table_name", "column", "schema", "if_not_exists"}, node, "add_column")
        table = self.string(args["table_name"], scope)
        schema = self.schema_opt(args, scope)
        extras = {}
        column = self.column(args["column"], scope, table, schema, extras)
        extras.pop("enums", None)  # Alembic's add_column creates no type
        opts = [schema]
        if "if_not_exists" in args and self.literal(args["if_not_exists"]):
            opts.append(("if_not_exists", "true"))
        self.emit(depth, call_text("op.add_column", [table, column], options_table([o for o in opts if o])))
        for line in self.column_indexes(extras, table, schema, scope):
            self.emit(depth, line)

    def op_drop_column(self, args, node, scope, depth):
        self.refuse_unknown(args, {"table_name", "column_name", "schema", "if_exists"}, node, "drop_column")
        opts = [self.schema_opt(args, scope)]
        if "if_exists" in args and self.literal(args["if_exists"]):
            opts.append(("if_exists", "true"))
        self.emit(depth, call_text("op.drop_column", [self.string(args["table_name"], scope),
                                                      self.string(args["column_name"], scope)],
                                   options_table([o for o in opts if o])))

    def alter_options(self, args, scope, node):
        opts = []
        for k, v in args.items():
            if k in ("table_name", "column_name", "schema"):
                continue
            if k in ("type_", "existing_type"):
                opts.append((k, self.type_text(v, scope)))
            elif k == "server_default":
                # Alembic: False = unchanged (the default), None = DROP DEFAULT.
                if isinstance(v, ast.Constant) and v.value is False:
                    continue
                opts.append((k, "false" if isinstance(v, ast.Constant) and v.value is None
                             else self.server_default(v, scope)))
            elif k == "existing_server_default":
                if isinstance(v, ast.Constant) and v.value in (None, False):
                    continue
                opts.append((k, self.server_default(v, scope)))
            elif k == "comment":
                if isinstance(v, ast.Constant) and v.value is False:
                    continue
                opts.append((k, "false" if isinstance(v, ast.Constant) and v.value is None
                             else self.value(v, scope)))
            elif k == "existing_comment":
                if isinstance(v, ast.Constant) and v.value is None:
                    continue
                opts.append((k, self.value(v, scope)))
            elif k in ("nullable", "existing_nullable"):
                if isinstance(v, ast.Constant) and v.value is None:
                    continue
                opts.append((k, self.value(v, scope)))
            elif k in ALTER_KEYS:
                opts.append((ALTER_KEYS[k], self.value(v, scope)))
            else:
                raise NotTranslated("alter_column(%s=...)" % k, node)
        return opts

    def op_alter_column(self, args, node, scope, depth):
        opts = [self.schema_opt(args, scope)] + self.alter_options(args, scope, node)
        self.emit(depth, call_text("op.alter_column", [self.string(args["table_name"], scope),
                                                       self.string(args["column_name"], scope)],
                                   options_table([o for o in opts if o])))

    def index_columns(self, node, scope):
        if isinstance(node, (ast.List, ast.Tuple)):
            return "{" + ", ".join(self.index_element(e, scope) for e in node.elts) + "}"
        return self.index_element(node, scope)

    def op_create_index(self, args, node, scope, depth):
        kw = {k: v for k, v in args.items() if k not in ("index_name", "table_name", "columns")}
        opts = self.index_options(kw, scope, node)
        self.emit(depth, call_text("op.create_index", [
            self.value(args["index_name"], scope), self.string(args["table_name"], scope),
            self.index_columns(args["columns"], scope)], options_table(opts)))

    # What Alembic's autogenerate repeats on drop_index but DROP INDEX ignores.
    DROP_INDEX_DESCRIPTION = ("index_name", "unique", "postgresql_where", "sqlite_where",
                              "postgresql_include", "postgresql_using", "postgresql_ops")

    def op_drop_index(self, args, node, scope, depth):
        kw = {k: v for k, v in args.items() if k not in self.DROP_INDEX_DESCRIPTION}
        opts = self.index_options(kw, scope, node)
        self.emit(depth, call_text("op.drop_index", [self.value(args["index_name"], scope)],
                                   options_table(opts)))

    def op_create_unique_constraint(self, args, node, scope, depth):
        self.refuse_unknown(args, {"constraint_name", "table_name", "columns", "schema"}, node,
                            "create_unique_constraint")
        self.emit(depth, call_text("op.create_unique_constraint", [
            self.value(args["constraint_name"], scope), self.string(args["table_name"], scope),
            self.value(args["columns"], scope)], options_table([self.schema_opt(args, scope)])))

    def op_create_primary_key(self, args, node, scope, depth):
        self.refuse_unknown(args, {"constraint_name", "table_name", "columns", "schema"}, node,
                            "create_primary_key")
        self.emit(depth, call_text("op.create_primary_key", [
            self.value(args["constraint_name"], scope), self.string(args["table_name"], scope),
            self.value(args["columns"], scope)], options_table([self.schema_opt(args, scope)])))

    def fk_options(self, args, scope, node, skip):
        opts = []
        for k, v in args.items():
            if k in skip:
                continue
            if k in ("ondelete", "onupdate", "initially", "match", "deferrable", "source_schema",
                     "referent_schema"):
                if self.keep(v):
                    opts.append((k, self.value(v, scope)))
            elif k == "postgresql_not_valid":
                if self.literal(v):
                    opts.append(("not_valid", "true"))
            else:
                raise NotTranslated("create_foreign_key(%s=...)" % k, node)
        return opts

    def op_create_foreign_key(self, args, node, scope, depth):
        skip = {"constraint_name", "source_table", "referent_table", "local_cols", "remote_cols"}
        self.emit(depth, call_text("op.create_foreign_key", [
            self.value(args["constraint_name"], scope), self.string(args["source_table"], scope),
            self.string(args["referent_table"], scope), self.value(args["local_cols"], scope),
            self.value(args["remote_cols"], scope)], options_table(self.fk_options(args, scope, node, skip))))

    def op_create_check_constraint(self, args, node, scope, depth):
        self.refuse_unknown(args, {"constraint_name", "table_name", "condition", "schema",
                                   "postgresql_not_valid"}, node, "create_check_constraint")
        opts = [self.schema_opt(args, scope)]
        if "postgresql_not_valid" in args and self.literal(args["postgresql_not_valid"]):
            opts.append(("not_valid", "true"))
        self.emit(depth, call_text("op.create_check_constraint", [
            self.value(args["constraint_name"], scope), self.string(args["table_name"], scope),
            self.sql_text(args["condition"], scope)], options_table([o for o in opts if o])))

    def op_drop_constraint(self, args, node, scope, depth):
        self.refuse_unknown(args, {"constraint_name", "table_name", "type_", "schema", "if_exists"},
                            node, "drop_constraint")
        opts = [("type_", self.value(args["type_"], scope)) if "type_" in args and self.keep(args["type_"])
                else None, self.schema_opt(args, scope)]
        if "if_exists" in args and self.literal(args["if_exists"]):
            opts.append(("if_exists", "true"))
        self.emit(depth, call_text("op.drop_constraint", [
            self.value(args["constraint_name"], scope), self.string(args["table_name"], scope)],
            options_table([o for o in opts if o])))

    def op_rename_table(self, args, node, scope, depth):
        self.refuse_unknown(args, {"old_table_name", "new_table_name", "schema"}, node, "rename_table")
        self.emit(depth, call_text("op.rename_table", [
            self.string(args["old_table_name"], scope), self.string(args["new_table_name"], scope)],
            options_table([self.schema_opt(args, scope)])))

    def op_create_table_comment(self, args, node, scope, depth):
        self.refuse_unknown(args, {"table_name", "comment", "existing_comment", "schema"}, node,
                            "create_table_comment")
        opts = [self.schema_opt(args, scope)]
        if "existing_comment" in args and self.keep(args["existing_comment"]):
            opts.append(("existing_comment", self.value(args["existing_comment"], scope)))
        self.emit(depth, call_text("op.create_table_comment", [
            self.string(args["table_name"], scope), self.value(args["comment"], scope)],
            options_table([o for o in opts if o])))

    def op_drop_table_comment(self, args, node, scope, depth):
        self.refuse_unknown(args, {"table_name", "existing_comment", "schema"}, node, "drop_table_comment")
        opts = [self.schema_opt(args, scope)]
        if "existing_comment" in args and self.keep(args["existing_comment"]):
            opts.append(("existing_comment", self.value(args["existing_comment"], scope)))
        self.emit(depth, call_text("op.drop_table_comment", [self.string(args["table_name"], scope)],
                                   options_table([o for o in opts if o])))

    def op_execute(self, args, node, scope, depth):
        self.refuse_unknown(args, {"sqltext", "execution_options"}, node, "execute")
        target = args["sqltext"]
        if isinstance(target, ast.Call):
            kind = self.kind_of(target.func, "sa")
            if kind in ("CreateSequence", "DropSequence") and target.args:
                return self.emit(depth, self.sequence_ddl(kind, target.args[0], target, scope))
        self.emit(depth, "op.execute(%s)" % self.sql_text(target, scope))

    def sequence_ddl(self, kind, seq, node, scope):
        if not (isinstance(seq, ast.Call) and self.kind_of(seq.func, "sa") == "Sequence" and seq.args):
            raise NotTranslated("%s(%s)" % (kind, short(seq)), node)
        opts = []
        for k in seq.keywords:
            if k.arg == "schema":
                opts.append(("schema", self.value(k.value, scope)))
            elif k.arg in ("start", "increment", "minvalue", "maxvalue", "cache", "cycle"):
                if kind == "CreateSequence":
                    opts.append((k.arg, lua_literal(self.literal(k.value))))
            elif k.arg not in ("metadata", "optional"):
                raise NotTranslated("Sequence(%s=...)" % k.arg, seq)
        fn = "op.create_sequence" if kind == "CreateSequence" else "op.drop_sequence"
        return call_text(fn, [self.string(seq.args[0], scope)], options_table(opts))

    def op_bulk_insert(self, args, node, scope, depth):
        self.refuse_unknown(args, {"table", "rows", "multiinsert"}, node, "bulk_insert")
        target = args["table"]
        if isinstance(target, ast.Name) and scope.get(target.id) and scope.get(target.id)[0] == "table":
            name, schema, columns, types = scope.get(target.id)[1]
        elif isinstance(target, ast.Call) and self.kind_of(target.func, "sa") in ("table", "Table"):
            name, schema, columns, types = self.table_shape(target, scope)
        else:
            raise NotTranslated("bulk_insert into %s" % short(target), node)
        rows = args["rows"]
        if not isinstance(rows, (ast.List, ast.Tuple)):
            raise NotTranslated("bulk_insert rows built by %s" % short(rows), node)
        row_texts = []
        for r in rows.elts:
            if not isinstance(r, ast.Dict):
                raise NotTranslated("a bulk_insert row %s" % short(r), r)
            items = []
            for k, v in zip(r.keys, r.values):
                if not (isinstance(k, ast.Constant) and isinstance(k.value, str)):
                    raise NotTranslated("a computed column key", r)
                items.append("%s = %s" % (lua_key(k.value), "op.null" if isinstance(v, ast.Constant)
                                          and v.value is None else self.value(v, scope)))
            row_texts.append("{" + ", ".join(items) + "}")
        opts = [("schema", schema), ("columns", lua_literal(columns))]
        if types:
            opts.append(("types", "{" + ", ".join("%s = %s" % (lua_key(c), t) for c, t in types) + "}"))
        self.emit(depth, "op.bulk_insert(%s, {\n  %s\n}, %s)" % (name, ",\n  ".join(row_texts),
                                                                options_table(opts)))

    # ---- batch_op.* ----------------------------------------------------------------
    def batch_call(self, var, method, args, node, scope, depth):
        def out(lua_args, opts):
            self.emit(depth, "%s:%s(%s)" % (var, method, ", ".join(
                lua_args + ([options_table(opts)] if options_table(opts) else []))))
        if method == "add_column":
            self.refuse_unknown(args, {"column"}, node, "batch_op.add_column")
            extras = {}
            col = self.column(args["column"], scope, None, None, extras)
            if extras.get("indexes"):
                raise NotTranslated("index=True in batch_op.add_column", node)
            return out([col], [])
        if method == "drop_column":
            self.refuse_unknown(args, {"column_name"}, node, "batch_op.drop_column")
            return out([self.string(args["column_name"], scope)], [])
        if method == "alter_column":
            return out([self.string(args["column_name"], scope)], self.alter_options(args, scope, node))
        if method == "create_index":
            kw = {k: v for k, v in args.items() if k not in ("index_name", "columns")}
            return out([self.value(args["index_name"], scope), self.index_columns(args["columns"], scope)],
                       self.index_options(kw, scope, node))
        if method == "drop_index":
            kw = {k: v for k, v in args.items() if k not in self.DROP_INDEX_DESCRIPTION}
            return out([self.value(args["index_name"], scope)], self.index_options(kw, scope, node))
        if method in ("create_unique_constraint", "create_primary_key"):
            self.refuse_unknown(args, {"constraint_name", "columns"}, node, "batch_op." + method)
            return out([self.value(args["constraint_name"], scope), self.value(args["columns"], scope)], [])
        if method == "create_foreign_key":
            skip = {"constraint_name", "referent_table", "local_cols", "remote_cols"}
            return out([self.value(args["constraint_name"], scope), self.string(args["referent_table"], scope),
                        self.value(args["local_cols"], scope), self.value(args["remote_cols"], scope)],
                       self.fk_options(args, scope, node, skip))
        if method == "create_check_constraint":
            self.refuse_unknown(args, {"constraint_name", "condition"}, node, "batch_op." + method)
            return out([self.value(args["constraint_name"], scope),
                        self.sql_text(args["condition"], scope)], [])
        if method == "drop_constraint":
            self.refuse_unknown(args, {"constraint_name", "type_"}, node, "batch_op.drop_constraint")
            opts = [("type_", self.value(args["type_"], scope))] if "type_" in args and self.keep(args["type_"]) else []
            return out([self.value(args["constraint_name"], scope)], opts)
        raise NotTranslated("batch_op.%s" % method, node)
