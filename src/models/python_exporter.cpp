// The SQLAlchemy exporter that models/python_models.cpp runs with python3,
// shipped inside the binary (see python_exporter.h).
#include "models/python_exporter.h"

namespace strata::models {

const char* python_exporter_source() {
  return R"PY(
# strata's SQLAlchemy exporter: imports the metadata named by each spec
# ("package.module:attr") and prints strata's catalog JSON on stdout
# (model/catalog_json.h). argv: <dialect> <json {"path": [...], "specs": [...]}>.
# Errors: one line "strata-python-error: <message>" on stderr, exit 3.
import json, sys

def fail(msg):
    sys.stderr.write("strata-python-error: " + msg.replace("\n", " ") + "\n")
    sys.exit(3)

def main():
    out = sys.stdout
    sys.stdout = sys.stderr  # the application's own prints must not reach the JSON
    dialect_name = sys.argv[1]
    args = json.loads(sys.argv[2])
    sys.path[:0] = args["path"]
    try:
        import sqlalchemy as sa
        from sqlalchemy.sql import sqltypes, naming
        from sqlalchemy.sql.elements import ClauseElement
    except ImportError as e:
        fail("SQLAlchemy is not installed for this python (%s): %s" % (sys.executable, e))
    import importlib, traceback
    from sqlalchemy.dialects import postgresql, sqlite, mysql, mssql
    dialect = {"postgresql": postgresql, "sqlite": sqlite, "mysql": mysql,
               "mssql": mssql}.get(dialect_name, postgresql).dialect()

    def load(spec):
        module_name, _, attr = spec.partition(":")
        if not module_name or not attr:
            fail("%s: expected python:package.module:attr" % spec)
        try:
            module = importlib.import_module(module_name)
        except BaseException as e:
            last = traceback.format_exception_only(type(e), e)[-1].strip()
            fail("%s: cannot import %s: %s" % (spec, module_name, last))
        obj = module
        for part in attr.split("."):
            if not hasattr(obj, part):
                fail("%s: module %s has no attribute '%s'" % (spec, module_name, attr))
            obj = getattr(obj, part)
        items = obj if isinstance(obj, (list, tuple)) else [obj]
        out = []
        for it in items:
            md = it if isinstance(it, sa.MetaData) else getattr(it, "metadata", None)
            if not isinstance(md, sa.MetaData):
                fail("%s: %r is not a MetaData, a declarative base or a list of them" % (spec, it))
            out.append(md)
        return out

    def compiled(t):
        try:
            return t.compile(dialect=dialect)
        except Exception as e:
            fail("cannot compile type %r for %s: %s" % (t, dialect_name, e))

    enums = {}

    def type_json(t, table):
        j = {"kind": "raw", "length": None, "precision": None, "scale": None,
             "timezone": False, "raw": ""}
        while isinstance(t, sa.types.TypeDecorator):
            t = t.load_dialect_impl(dialect)
        cls = type(t)
        generic = cls.__module__ == "sqlalchemy.sql.sqltypes" and (
            not cls.__name__.isupper() or cls.__name__ in (
                "JSON", "INTEGER", "BIGINT", "SMALLINT", "VARCHAR", "TEXT", "BOOLEAN",
                "NUMERIC", "DATE"))
        if isinstance(t, sa.Enum) and generic or (dialect_name == "postgresql" and isinstance(t, postgresql.ENUM)):
            if dialect_name == "postgresql" and t.native_enum:
                schema = t.schema
                key = (schema, t.name)
                enums.setdefault(key, {"schema": schema, "name": t.name,
                                       "values": list(t.enums), "origin": origin})
                j["raw"] = (schema + "." if schema else "") + t.name
                return j
            j["kind"], j["length"] = "string", t.length
            return j
        if isinstance(t, postgresql.UUID) or cls.__name__ == "Uuid":
            j["kind"] = "uuid"
            return j
        if generic:
            for base, kind in ((sa.BigInteger, "big_integer"), (sa.SmallInteger, "small_integer"),
                               (sa.Integer, "integer"), (sa.Text, "text"), (sa.String, "string"),
                               (sa.Boolean, "boolean"), (sa.Float, "float"),
                               (sa.Numeric, "numeric"), (sa.DateTime, "date_time"),
                               (sa.Date, "date"), (sa.Time, "time"),
                               (sa.LargeBinary, "large_binary"), (sa.JSON, "json")):
                if isinstance(t, base):
                    j["kind"] = kind
                    if kind == "string":
                        j["length"] = t.length
                    elif kind == "numeric":
                        j["precision"], j["scale"] = t.precision, t.scale
                    elif kind == "float":
                        j["precision"] = t.precision
                    elif kind in ("date_time", "time"):
                        j["timezone"] = bool(t.timezone)
                    return j
        j["raw"] = compiled(t)
        return j

    def sql_text(x):
        if isinstance(x, str):
            return x
        return str(x.compile(dialect=dialect, compile_kwargs={"literal_binds": True, "include_table": False}))

    def name_of(const, table):
        name = const.name
        if name is None or name is naming._NONE_NAME or not isinstance(name, naming.conv):
            try:
                new = naming._constraint_name_for_table(const, table)
            except Exception as e:
                fail("table %s: %s" % (table.fullname, e))
            if new:
                name = new
        if name is None or name is naming._NONE_NAME:
            return None
        return str(name)

    def fk_target(const):
        # A string target in another MetaData ("core.users.id") cannot be
        # resolved by SQLAlchemy; read it from the spec then.
        try:
            ref = const.elements[0].column.table
            return ref.schema, ref.name, [e.column.name for e in const.elements]
        except sa.exc.NoReferencedTableError:
            parts = [e.target_fullname.split(".") for e in const.elements]
            first = parts[0]
            schema = ".".join(first[:-2]) if len(first) > 2 else None
            if schema is None and const.parent is not None:
                schema = const.parent.schema
            return schema, first[-2], [p[-1] for p in parts]

    def opt_int(v):
        return None if v is None else int(v)

    origin = ""
    catalog = {"default_schema": "", "schemas": [], "tables": [], "indexes": [],
               "sequences": [], "enums": [], "views": []}
    seen_tables = set()
    sequences = {}
    schemas = set()
    for spec in args["specs"]:
        for md in load(spec):
            for table in list(md.tables.values()):
                if table.key in seen_tables:
                    continue
                seen_tables.add(table.key)
                origin = "python:%s %s" % (spec.split(":")[0], table.fullname)
                if table.schema:
                    schemas.add(table.schema)
                pk_cols = [c.name for c in table.primary_key.columns]
                columns = []
                for c in table.columns:
                    sd = None
                    if c.server_default is not None and hasattr(c.server_default, "arg"):
                        arg = c.server_default.arg
                        sd = {"value": arg if isinstance(arg, str) else sql_text(arg),
                              "is_expression": not isinstance(arg, str)}
                    ident = None
                    identity = getattr(c, "identity", None)
                    if identity is not None:
                        ident = {"always": bool(identity.always), "start": opt_int(identity.start),
                                 "increment": opt_int(identity.increment),
                                 "minvalue": opt_int(identity.minvalue),
                                 "maxvalue": opt_int(identity.maxvalue),
                                 "cache": opt_int(identity.cache), "cycle": bool(identity.cycle)}
                    if isinstance(c.default, sa.Sequence) or isinstance(c.server_default, sa.Sequence):
                        seq = c.default if isinstance(c.default, sa.Sequence) else c.server_default
                        sequences.setdefault((seq.schema, seq.name), seq)
                    auto = c.autoincrement if isinstance(c.autoincrement, bool) else None
                    columns.append({
                        "name": c.name, "type": type_json(c.type, table), "reflected_type": "",
                        "nullable": bool(c.nullable), "server_default": sd,
                        "primary_key": c.name in pk_cols, "autoincrement": auto,
                        "unique": False, "comment": c.comment, "identity": ident,
                        "renamed_from": None, "reflected_collation": None,
                        "reflected_on_update": None, "reflected_invisible": False,
                        "reflected_check": None, "reflected_generated": None,
                        "reflected_generated_expression": None})
                pk = None
                if pk_cols:
                    pk = {"name": name_of(table.primary_key, table), "columns": pk_cols,
                          "deferrable": None, "initially": None}
                uniques, fks, checks = [], [], []
                for const in sorted(table.constraints, key=lambda k: k._creation_order):
                    if isinstance(const, sa.UniqueConstraint):
                        uniques.append({"name": name_of(const, table),
                                        "columns": [c.name for c in const.columns],
                                        "deferrable": None, "initially": None})
                    elif isinstance(const, sa.CheckConstraint):
                        if getattr(const, "_type_bound", False):
                            continue  # Boolean / Enum create_constraint: belongs to the type
                        checks.append({"name": name_of(const, table),
                                       "sqltext": sql_text(const.sqltext)})
                    elif isinstance(const, sa.ForeignKeyConstraint):
                        ref_schema, ref_table, ref_columns = fk_target(const)
                        fks.append({"name": name_of(const, table),
                                    "columns": [e.parent.name for e in const.elements],
                                    "ref_schema": ref_schema, "ref_table": ref_table,
                                    "ref_columns": ref_columns,
                                    "ondelete": const.ondelete, "onupdate": const.onupdate,
                                    "deferrable": const.deferrable, "initially": const.initially,
                                    "match": const.match})
                catalog["tables"].append({
                    "schema": table.schema, "name": table.name, "columns": columns,
                    "primary_key": pk, "uniques": uniques, "foreign_keys": fks,
                    "checks": checks, "comment": table.comment, "renamed_from": None,
                    "origin": origin, "exclusions": []})
                for ix in sorted(table.indexes, key=lambda k: str(k.name)):
                    name = name_of(ix, table)
                    if name is None:
                        fail("table %s: an index has no name (add naming_convention 'ix')" % table.fullname)
                    elements = []
                    for e in ix.expressions:
                        if isinstance(e, sa.Column):
                            elements.append({"text": e.name, "is_expression": False})
                        else:
                            elements.append({"text": sql_text(e), "is_expression": True})
                    opts = ix.dialect_options
                    where = None
                    include = []
                    method = None
                    if "postgresql" in opts and dialect_name == "postgresql":
                        w = opts["postgresql"].get("where")
                        where = None if w is None else sql_text(w)
                        include = [getattr(i, "name", i) for i in opts["postgresql"].get("include") or []]
                        using = opts["postgresql"].get("using")
                        if using and str(using).lower() != "btree":
                            method = str(using).lower()
                        # postgresql_ops: {column name: opclass}, as SQLAlchemy keys it
                        for key, opclass in (opts["postgresql"].get("ops") or {}).items():
                            for el in elements:
                                if el["text"] == key and opclass:
                                    el["opclass"] = str(opclass)
                    if dialect_name == "sqlite" and "sqlite" in opts:
                        w = opts["sqlite"].get("where")
                        where = None if w is None else sql_text(w)
                    catalog["indexes"].append({
                        "name": name, "schema": table.schema, "table": table.name,
                        "elements": elements, "unique": bool(ix.unique), "where": where,
                        "include": include, "method": method})
            for seq in md._sequences.values():
                sequences.setdefault((seq.schema, seq.name), seq)
    for (schema, name), seq in sequences.items():
        if schema:
            schemas.add(schema)
        catalog["sequences"].append({
            "schema": schema, "name": name,
            "data_type": None if seq.data_type is None else str(compiled(seq.data_type)).lower(),
            "start": opt_int(seq.start), "increment": opt_int(seq.increment),
            "minvalue": opt_int(seq.minvalue), "maxvalue": opt_int(seq.maxvalue),
            "cache": opt_int(seq.cache), "cycle": bool(seq.cycle),
            "origin": "python:" + (schema + "." if schema else "") + name})
    for e in enums.values():
        if e["schema"]:
            schemas.add(e["schema"])
        catalog["enums"].append(e)
    catalog["schemas"] = sorted(schemas)
    json.dump(catalog, out)

try:
    main()
except SystemExit:
    raise
except BaseException as e:
    import traceback
    fail(traceback.format_exception_only(type(e), e)[-1].strip())
)PY";
}

}  // namespace strata::models
