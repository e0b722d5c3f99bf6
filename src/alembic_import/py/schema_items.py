# strata import-alembic, part 4 of 6: SQLAlchemy schema items — Column,
# ForeignKey, Identity, constraints, Index, server defaults — as op.column /
# op.*_constraint Lua text.


class SchemaItems(Expressions):

    def server_default(self, node, scope):
        """server_default=: a string is a quoted literal, sa.text()/func/
        literal_column an SQL expression."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return lua_str(node.value)
        if isinstance(node, ast.Call):
            kind = self.kind_of(node.func, "sa")
            if kind in ("text", "literal_column") and len(node.args) == 1:
                return "op.text(%s)" % self.string(node.args[0], scope)
            if kind and kind.startswith("func.") and not node.args and not node.keywords:
                fn = kind[len("func."):]
                sql = {"now": "now()", "current_timestamp": "CURRENT_TIMESTAMP",
                       "current_date": "CURRENT_DATE", "localtimestamp": "LOCALTIMESTAMP",
                       "gen_random_uuid": "gen_random_uuid()", "uuid_generate_v4":
                       "uuid_generate_v4()"}.get(fn)
                if sql:
                    return "op.text(%s)" % lua_str(sql)
            if kind in ("true", "false") and not node.args:
                return "op.text(%s)" % lua_str(kind)
        if isinstance(node, ast.Name) and scope.get(node.id) and scope.get(node.id)[0] == "local":
            return self.value(node, scope)
        raise NotTranslated("server_default=%s" % short(node), node)

    def foreign_key(self, node, scope):
        """sa.ForeignKey("[schema.]table.col", ...) as op.column's foreign_key."""
        kw = {k.arg: k.value for k in node.keywords}
        if len(node.args) != 1:
            raise NotTranslated("ForeignKey(%s)" % short(node), node)
        target = self.string(node.args[0], scope)
        opts = []
        for k, v in kw.items():
            if k in ("name", "ondelete", "onupdate", "initially", "match"):
                opts.append("%s = %s" % (k, self.value(v, scope)))
            elif k == "deferrable":
                opts.append("deferrable = %s" % self.value(v, scope))
            elif k in ("use_alter",):
                raise NotTranslated("ForeignKey(use_alter=...)", node)
            else:
                raise NotTranslated("ForeignKey(%s=...)" % k, node)
        return "{" + ", ".join([target] + opts) + "}" if opts else target

    def identity(self, node, scope):
        kw = {k.arg: k.value for k in node.keywords}
        if not kw:
            return lua_str("by_default")
        opts = []
        for k, v in kw.items():
            if k not in ("always", "start", "increment", "minvalue", "maxvalue", "cache", "cycle"):
                raise NotTranslated("Identity(%s=...)" % k, node)
            opts.append("%s = %s" % (k, lua_literal(self.literal(v))))
        return "{" + ", ".join(opts) + "}"

    def column(self, node, scope, table, schema_lua, extras):
        """sa.Column(...) as op.column(...). `extras` collects what Alembic
        does beside the column: enum types it creates (create_table) and
        indexes for index=True."""
        if not (isinstance(node, ast.Call) and self.kind_of(node.func, "sa") == "Column"):
            raise NotTranslated("a column built by %s" % short(node), node)
        args = list(node.args)
        if not args or not (isinstance(args[0], ast.Constant) and isinstance(args[0].value, str)):
            raise NotTranslated("a Column without a literal name", node)
        name = args.pop(0).value
        type_lua, fk, identity = None, None, None
        for a in args:
            if isinstance(a, ast.Call) and self.kind_of(a.func, "sa") == "ForeignKey":
                if fk is not None:
                    raise NotTranslated("a Column with two ForeignKeys", node)
                fk = self.foreign_key(a, scope)
            elif isinstance(a, ast.Call) and self.kind_of(a.func, "sa") == "Identity":
                identity = self.identity(a, scope)
            elif isinstance(a, ast.Call) and self.kind_of(a.func, "sa") in ("Computed", "Sequence"):
                raise NotTranslated("Column(..., sa.%s(...))" % self.kind_of(a.func, "sa"), a)
            elif type_lua is None:
                enum = self.enum_type(a, scope)
                if enum is not None and enum.create_type and enum.name:
                    extras.setdefault("enums", []).append(enum)
                type_lua = self.type_text(a, scope)
            else:
                raise NotTranslated("Column argument %s" % short(a), a)
        if type_lua is None:
            raise NotTranslated("a Column without a type", node)
        opts = []
        for k in node.keywords:
            if k.arg in ("primary_key", "nullable", "unique", "autoincrement"):
                v = self.literal(k.value)
                if k.arg == "autoincrement" and v == "auto":
                    continue
                if k.arg == "nullable" and v is None:
                    continue
                opts.append((k.arg, lua_literal(v)))
            elif k.arg == "server_default":
                if not (isinstance(k.value, ast.Constant) and k.value.value is None):
                    opts.append(("server_default", self.server_default(k.value, scope)))
            elif k.arg == "comment":
                opts.append(("comment", self.value(k.value, scope)))
            elif k.arg == "index":
                if self.literal(k.value):
                    extras.setdefault("indexes", []).append(name)
            elif k.arg in ("default", "onupdate", "server_onupdate", "info", "doc", "key",
                           "quote", "sort_order"):
                continue  # Python-side or ORM-only: not part of the table's DDL
            else:
                raise NotTranslated("Column(%s=...)" % k.arg, node)
        if fk is not None:
            opts.append(("foreign_key", fk))
        if identity is not None:
            opts.append(("identity", identity))
        unique_index = any(k.arg == "unique" and self.literal(k.value) for k in node.keywords)
        if name in extras.get("indexes", []) and unique_index:
            # index=True, unique=True: SQLAlchemy makes one unique index, no constraint.
            opts = [o for o in opts if o[0] != "unique"]
            extras.setdefault("unique_indexes", []).append(name)
        return call_text("op.column", [lua_str(name), type_lua], options_table(opts))

    def column_list(self, nodes, scope):
        return "{" + ", ".join(self.string(n, scope) for n in nodes) + "}"

    def constraint(self, node, scope):
        """sa.PrimaryKeyConstraint / UniqueConstraint / CheckConstraint /
        ForeignKeyConstraint as op.*_constraint(...)."""
        kind = self.kind_of(node.func, "sa")
        kw = {k.arg: k.value for k in node.keywords}
        name = self.value(kw["name"], scope) if "name" in kw else None
        if kind in ("PrimaryKeyConstraint", "UniqueConstraint"):
            for k in kw:
                if k not in ("name", "deferrable", "initially"):
                    raise NotTranslated("%s(%s=...)" % (kind, k), node)
            if "deferrable" in kw or "initially" in kw:
                raise NotTranslated("a deferrable %s" % kind, node)
            fn = "op.primary_key_constraint" if kind == "PrimaryKeyConstraint" else "op.unique_constraint"
            return call_text(fn, [self.column_list(node.args, scope)], options_table([("name", name)]))
        if kind == "CheckConstraint":
            for k in kw:
                if k not in ("name",):
                    raise NotTranslated("CheckConstraint(%s=...)" % k, node)
            return call_text("op.check_constraint", [self.sql_text(node.args[0], scope)],
                             options_table([("name", name)]))
        if kind == "ForeignKeyConstraint":
            local = node.args[0] if node.args else kw.get("columns")
            remote = node.args[1] if len(node.args) > 1 else kw.get("refcolumns")
            if local is None or remote is None or not isinstance(remote, (ast.List, ast.Tuple)):
                raise NotTranslated("ForeignKeyConstraint(%s)" % short(node), node)
            targets = [self.literal(r) for r in remote.elts]
            tables = {t.rsplit(".", 1)[0] for t in targets if isinstance(t, str) and "." in t}
            if len(tables) != 1 or not all(isinstance(t, str) and "." in t for t in targets):
                raise NotTranslated("ForeignKeyConstraint to %s" % short(remote), node)
            opts = [("name", name)]
            for k, v in kw.items():
                if k in ("ondelete", "onupdate", "initially", "match", "deferrable"):
                    opts.append((k, self.value(v, scope)))
                elif k not in ("name", "columns", "refcolumns"):
                    raise NotTranslated("ForeignKeyConstraint(%s=...)" % k, node)
            return call_text("op.foreign_key_constraint",
                             [self.column_list(local.elts, scope), lua_str(tables.pop()),
                              lua_literal([t.rsplit(".", 1)[1] for t in targets])],
                             options_table(opts))
        raise NotTranslated("the table item %s" % short(node), node)

    def sql_text(self, node, scope):
        """SQL given as a string or sa.text(...) (a check's condition, a where)."""
        if isinstance(node, ast.Call) and self.kind_of(node.func, "sa") in ("text", "literal_column"):
            return self.string(node.args[0], scope)
        return self.string(node, scope)

    def index_element(self, node, scope):
        if isinstance(node, ast.Call) and self.kind_of(node.func, "sa") in ("text", "literal_column"):
            return "op.text(%s)" % self.string(node.args[0], scope)
        return self.string(node, scope)

    def index_options(self, kw, scope, node):
        """create_index keyword arguments as strata's options."""
        opts = []
        for k, v in kw.items():
            if k == "unique":
                if self.literal(v):
                    opts.append(("unique", "true"))
            elif k in ("postgresql_where", "sqlite_where"):
                opts.append((k, self.sql_text(v, scope)))
            elif k == "postgresql_include":
                opts.append(("include", self.column_list(v.elts, scope)
                             if isinstance(v, (ast.List, ast.Tuple)) else self.value(v, scope)))
            elif k == "postgresql_using":
                opts.append(("postgresql_using", self.string(v, scope)))
            elif k == "postgresql_ops":
                if not isinstance(v, ast.Dict):
                    raise NotTranslated("postgresql_ops=... (not a dict literal)", node)
                opts.append(("ops", self.value(v, scope)))
            elif k in ("postgresql_concurrently", "if_not_exists", "if_exists"):
                if self.literal(v):
                    opts.append((k, "true"))
            elif k == "schema":
                if not (isinstance(v, ast.Constant) and v.value is None):
                    opts.append(("schema", self.value(v, scope)))
            elif k in ("table_name",):
                opts.append(("table", self.value(v, scope)))
            elif k in ("quote", "info"):
                continue
            else:
                raise NotTranslated("%s=..." % k, node)
        return opts
