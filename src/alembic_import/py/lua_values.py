# strata import-alembic, part 2 of 6: Python values and SQLAlchemy objects
# (types, columns, constraints, defaults) as Lua text for strata's op API.
# Every function returns Lua source text or raises NotTranslated; nothing is
# ever guessed (README "Importing an Alembic project").

LUA_KEYWORDS = {"and", "break", "do", "else", "elseif", "end", "false", "for", "function",
                "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then",
                "true", "until", "while"}


class NotTranslated(Exception):
    """A construct strata cannot express; `construct` names it for people."""

    def __init__(self, construct, node=None):
        super().__init__(construct)
        self.construct = construct
        self.node = node


# Globals the generated code calls: a Python name equal to one gets a "_".
LUA_GLOBALS_USED = {"op", "table", "string", "tostring", "ipairs", "error", "item_"}


def lua_name(name):
    return name + "_" if name in LUA_KEYWORDS or name in LUA_GLOBALS_USED else name


def lua_str(s):
    """A Lua string literal with exactly the bytes of `s`."""
    if "\n" in s and "\r" not in s and "\0" not in s:
        level = 0
        while ("]" + "=" * level + "]") in s or s.endswith("]" + "=" * level):
            level += 1
        eq = "=" * level
        # Lua drops a newline right after the opening bracket: add one.
        return "[" + eq + "[" + ("\n" if s.startswith("\n") else "") + s + "]" + eq + "]"
    out = ['"']
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append("\\%03d" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def lua_key(key):
    if re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", key) and key not in LUA_KEYWORDS:
        return key
    return "[" + lua_str(key) + "]"


def lua_literal(value):
    """A Python literal value (from ast.literal_eval) as Lua."""
    if value is None:
        return "nil"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return lua_str(value)
    if isinstance(value, (list, tuple)):
        return "{" + ", ".join(lua_literal(v) for v in value) + "}"
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise NotTranslated("a dict with non-string keys")
        return "{" + ", ".join("%s = %s" % (lua_key(k), lua_literal(v)) for k, v in value.items()) + "}"
    raise NotTranslated("the value %r" % (value,))


def options_table(pairs):
    """{k = v, ...} from (key, lua_text) pairs whose text is not 'nil'; '' if none."""
    items = ["%s = %s" % (lua_key(p[0]), p[1]) for p in pairs
             if p is not None and p[1] is not None and p[1] != "nil"]
    return "{" + ", ".join(items) + "}" if items else ""


def call_text(func, args, options=""):
    parts = list(args) + ([options] if options else [])
    return "%s(%s)" % (func, ", ".join(parts))


def sql_quote(value):
    """A Python value as an SQL literal (for sa.text bind parameters)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        raise NotTranslated("a boolean bind parameter (its SQL differs per dialect)")
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise NotTranslated("a bind parameter of type %s" % type(value).__name__)


# ---- SQLAlchemy types --------------------------------------------------------

# Generic and dialect type names -> strata's op types (their arguments read
# by type_text below).
INTEGER_TYPES = {"Integer": "op.Integer", "INTEGER": "op.Integer", "INT": "op.Integer",
                 "BigInteger": "op.BigInteger", "BIGINT": "op.BigInteger",
                 "SmallInteger": "op.SmallInteger", "SMALLINT": "op.SmallInteger"}
STRING_TYPES = {"String", "VARCHAR", "Unicode", "NVARCHAR"}
TEXT_TYPES = {"Text", "TEXT", "UnicodeText", "CLOB"}
# PostgreSQL (and other dialects') types passed through as SQL text.
RAW_TYPES = {"JSONB": "JSONB", "INET": "INET", "CIDR": "CIDR", "MACADDR": "MACADDR",
             "TSVECTOR": "TSVECTOR", "MONEY": "MONEY", "OID": "OID", "HSTORE": "HSTORE",
             "CITEXT": "CITEXT", "REAL": "REAL", "DOUBLE_PRECISION": "DOUBLE PRECISION",
             "INTERVAL": "INTERVAL", "Interval": "INTERVAL", "INT4RANGE": "INT4RANGE",
             "INT8RANGE": "INT8RANGE", "NUMRANGE": "NUMRANGE", "DATERANGE": "DATERANGE",
             "TSRANGE": "TSRANGE", "TSTZRANGE": "TSTZRANGE", "BLOB": "BLOB",
             "LONGTEXT": "LONGTEXT", "MEDIUMTEXT": "MEDIUMTEXT", "TINYTEXT": "TINYTEXT",
             "LONGBLOB": "LONGBLOB", "MEDIUMBLOB": "MEDIUMBLOB", "TINYBLOB": "TINYBLOB",
             "DOUBLE": "DOUBLE", "YEAR": "YEAR", "XML": "XML"}
# MySQL integer types with display width / unsigned.
MYSQL_INTS = {"TINYINT", "SMALLINT", "MEDIUMINT", "INTEGER", "INT", "BIGINT"}
# PostgreSQL SQL text of the generic types (for ARRAY items).
PG_SQL = {"op.Integer": "INTEGER", "op.BigInteger": "BIGINT", "op.SmallInteger": "SMALLINT",
          "op.Text": "TEXT", "op.Boolean": "BOOLEAN", "op.Float": "FLOAT", "op.Date": "DATE",
          "op.DateTime": "TIMESTAMP WITHOUT TIME ZONE", "op.Time": "TIME WITHOUT TIME ZONE",
          "op.LargeBinary": "BYTEA", "op.JSON": "JSON", "op.UUID": "UUID", "op.String": "VARCHAR",
          "op.Numeric": "NUMERIC"}


class EnumType:
    """sa.Enum / postgresql.ENUM: a named PostgreSQL type (VARCHAR or MySQL
    ENUM elsewhere, as SQLAlchemy creates it)."""

    def __init__(self, name, values, schema, create_type, pg_only, native):
        self.name, self.values, self.schema = name, values, schema
        self.create_type, self.pg_only, self.native = create_type, pg_only, native

    def qualified(self):
        return (self.schema + "." if self.schema else "") + self.name

    def column_type(self):
        if self.pg_only:
            return lua_str(self.qualified())
        if not self.native:
            return "op.String(%d)" % max(len(v) for v in self.values)
        width = max(len(v) for v in self.values)
        mysql = "ENUM(" + ",".join("'" + v.replace("'", "''") + "'" for v in self.values) + ")"
        return "(({postgresql = %s, mysql = %s})[op.dialect] or %s)" % (
            lua_str(self.qualified()), lua_str(mysql), lua_str("VARCHAR(%d)" % width))

    def create_call(self, if_not_exists=False):
        opts = options_table([("schema", lua_str(self.schema) if self.schema else None),
                              ("if_not_exists", "true" if if_not_exists else None)])
        return call_text("op.create_enum", [lua_str(self.name), lua_literal(self.values)], opts)

    def drop_call(self, if_exists=False):
        opts = options_table([("schema", lua_str(self.schema) if self.schema else None),
                              ("if_exists", "true" if if_exists else None),
                              ("dropped", lua_literal(self.values) if self.values else None)])
        return call_text("op.drop_enum", [lua_str(self.name)], opts)
