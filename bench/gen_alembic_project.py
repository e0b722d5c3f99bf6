#!/usr/bin/env python3
"""Write an Alembic project of N revisions for bench/import_alembic_bench.sh.

Usage: gen_alembic_project.py DIR [N]        (N defaults to 1000)

DIR gets alembic.ini (script_location = migrations), migrations/env.py (URL
from the environment variable BENCH_DB_URL, as teams keep it) and
migrations/versions/<rev>_<slug>.py, written the way `alembic revision
--autogenerate` writes them and then edited by hand:

- Graph: a linear chain; in every block of 100 revisions, from position 90 on,
  a side branch of 3 revisions (the first with a branch label) forks off the
  chain, the chain goes on for 6 more, and position 99 merges both
  (down_revision is a tuple). One head at the end. Blocks whose merge would
  fall past N have no branch.
- Each revision: a multi-paragraph docstring with Alembic's
  Revision ID / Revises / Create Date lines; upgrade() creates table t<i> with
  4-8 columns of mixed types (id primary key, String, Text, Integer,
  BigInteger, Boolean with server_default, DateTime(timezone=True),
  Numeric(12, 2), Date, JSON), op.create_index on it, add_column /
  alter_column / drop_column on the parent revision's table; every 10th
  revision does its parent changes in op.batch_alter_table, every 7th adds an
  op.execute data fix. downgrade() undoes all of it in reverse.

Deterministic: the same N always gives the same files (ids are hashes of i).
Prints "N revisions, H heads" on stdout.
"""
import hashlib
import os
import sys
from datetime import datetime, timedelta

ALEMBIC_INI = """\
# A generated Alembic project (bench/gen_alembic_project.py).
[alembic]
script_location = migrations
file_template = %%(rev)s_%%(slug)s
prepend_sys_path = .
version_path_separator = os

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
datefmt = %H:%M:%S
"""

ENV_PY = '''\
import os
from logging.config import fileConfig

from sqlalchemy import create_engine, pool

from alembic import context

config = context.config

if config.config_file_name is not None:
    fileConfig(config.config_file_name)

target_metadata = None


def get_url():
    return os.environ["BENCH_DB_URL"]


def run_migrations_offline() -> None:
    context.configure(
        url=get_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = create_engine(get_url(), poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''

SCRIPT_MAKO = '''\
"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from alembic import op
import sqlalchemy as sa
${imports if imports else ""}

# revision identifiers, used by Alembic.
revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
'''

# (column definition, is it nullable) by kind; the column name is added.
COLUMN_KINDS = [
    'sa.Column("{n}", sa.String(length=120), nullable=False)',
    'sa.Column("{n}", sa.Text(), nullable=True)',
    'sa.Column("{n}", sa.Integer(), nullable=False, server_default="0")',
    'sa.Column("{n}", sa.BigInteger(), nullable=True)',
    'sa.Column("{n}", sa.Boolean(), nullable=False, server_default=sa.text("false"))',
    'sa.Column(\n            "{n}",\n            sa.DateTime(timezone=True),\n'
    '            nullable=False,\n            server_default=sa.text("CURRENT_TIMESTAMP"),\n        )',
    'sa.Column("{n}", sa.Numeric(precision=12, scale=2), nullable=True)',
    'sa.Column("{n}", sa.Date(), nullable=True)',
    'sa.Column("{n}", sa.JSON(), nullable=True)',
]
NAMES = ["label", "notes", "quantity", "external_ref", "is_active", "created_at",
         "amount", "due_on", "payload"]
TOPICS = ["billing", "inventory", "accounts", "reporting", "search", "audit",
          "notifications", "shipping", "pricing", "sessions"]


def rev_id(i):
    return hashlib.sha1(("bench-revision-%d" % i).encode()).hexdigest()[:12]


def graph(n):
    """down_revision per index: None, an index, or a tuple of indexes; and
    the branch label per index."""
    down, labels = {}, {}
    for i in range(n):
        block, pos = divmod(i, 100)
        branched = block * 100 + 99 < n and block * 100 + 90 > 0
        if i == 0:
            down[i] = None
        elif branched and pos == 90:
            down[i] = i - 1                     # side branch forks at 89
            labels[i] = "feature_%d" % block
        elif branched and pos in (91, 92):
            down[i] = i - 1
        elif branched and pos == 93:
            down[i] = i - 4                     # the chain goes on from 89
        elif branched and pos == 99:
            down[i] = (i - 1, i - 7)            # merge: chain tip 98, side tip 92
        else:
            down[i] = i - 1
    return down, labels


def table_parent(down_i):
    if down_i is None:
        return None
    return down_i[0] if isinstance(down_i, tuple) else down_i


def columns_of(i):
    count = 4 + i % 5                           # 4-8 columns
    kinds = [(i + k * 3) % len(COLUMN_KINDS) for k in range(count - 1)]
    seen, cols = set(), []
    for k in kinds:
        while k in seen:
            k = (k + 1) % len(COLUMN_KINDS)
        seen.add(k)
        cols.append((NAMES[k], COLUMN_KINDS[k]))
    return cols


def body(i, parent, merge):
    t = "t%04d" % i
    cols = columns_of(i)
    up, down = [], []
    col_lines = ['        sa.Column("id", sa.Integer(), nullable=False),']
    col_lines += ["        %s," % c.format(n=name) for name, c in cols]
    col_lines.append('        sa.PrimaryKeyConstraint("id", name=op.f("pk_%s")),' % t)
    up.append('op.create_table(\n        "%s",\n%s\n    )' % (t, "\n".join(col_lines)))
    # the first column btree indexes sensibly (not JSON, not free text)
    index_col = next(name for name, _ in cols if name not in ("payload", "notes"))
    ix = "ix_%s_%s" % (t, index_col)
    up.append('op.create_index(op.f("%s"), "%s", ["%s"], unique=False)' % (ix, t, index_col))
    down_ops = ['op.drop_index(op.f("%s"), table_name="%s")' % (ix, t), 'op.drop_table("%s")' % t]

    if parent is not None:
        p = "t%04d" % parent
        pcols = columns_of(parent)
        dropped = pcols[-1]
        added = "ref_%04d" % i
        if i % 10 == 0:
            up.append(
                'with op.batch_alter_table("%s", schema=None) as batch_op:\n'
                '        batch_op.add_column(sa.Column("%s", sa.Integer(), nullable=True))\n'
                '        batch_op.alter_column(\n'
                '            "id", existing_type=sa.INTEGER(), comment="%s key"\n'
                '        )\n'
                '        batch_op.drop_column("%s")' % (p, added, p, dropped[0]))
            down_ops.insert(0,
                'with op.batch_alter_table("%s", schema=None) as batch_op:\n'
                '        batch_op.add_column(%s)\n'
                '        batch_op.alter_column(\n'
                '            "id", existing_type=sa.INTEGER(), comment=None,\n'
                '            existing_comment="%s key"\n'
                '        )\n'
                '        batch_op.drop_column("%s")'
                % (p, dropped[1].format(n=dropped[0]).replace("\n        ", "\n            "),
                   p, added))
        else:
            up.append('op.add_column("%s", sa.Column("%s", sa.Integer(), nullable=True))'
                      % (p, added))
            up.append('op.alter_column(\n        "%s",\n        "id",\n'
                      '        existing_type=sa.INTEGER(),\n        comment="%s key",\n'
                      '        existing_nullable=False,\n    )' % (p, p))
            up.append('op.drop_column("%s", "%s")' % (p, dropped[0]))
            down_ops.insert(0, 'op.drop_column("%s", "%s")' % (p, added))
            down_ops.insert(0, 'op.alter_column(\n        "%s",\n        "id",\n'
                               '        existing_type=sa.INTEGER(),\n        comment=None,\n'
                               '        existing_comment="%s key",\n'
                               '        existing_nullable=False,\n    )' % (p, p))
            down_ops.insert(0, 'op.add_column("%s", %s)'
                            % (p, dropped[1].format(n=dropped[0]).replace("\n", "\n    ")))
        if i % 7 == 0:
            up.append("# backfill the new reference from the parent rows\n"
                      '    op.execute("UPDATE %s SET %s = id WHERE %s IS NULL")' % (p, added, added))
    if merge:
        up.insert(0, "# merge point: both branches are applied before this revision")
    return up, down_ops


def docstring(i, down_i, when):
    topic = TOPICS[i % len(TOPICS)]
    msg = "%s: add t%04d and rework its parent" % (topic, i)
    if isinstance(down_i, tuple):
        revises = ", ".join(rev_id(d) for d in down_i)
    else:
        revises = rev_id(down_i) if down_i is not None else ""
    return msg, (
        '"""%s\n\n'
        "The %s team needs a table of its own for the records the nightly job\n"
        "collects; autogenerate wrote the create_table and index below, and the\n"
        "parent revision's table loses a column nobody reads any more.\n\n"
        "Reviewed together with the service change that reads t%04d; deploy the\n"
        "migration first, the code second.\n\n"
        "Revision ID: %s\n"
        "Revises: %s\n"
        "Create Date: %s\n\n"
        '"""' % (msg, topic, i, rev_id(i), revises, when))


def slug(msg):
    out = "".join(c if c.isalnum() else "_" for c in msg.lower())
    while "__" in out:
        out = out.replace("__", "_")
    return out.strip("_")[:40].rstrip("_")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    root, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 1000
    versions = os.path.join(root, "migrations", "versions")
    os.makedirs(versions, exist_ok=True)
    with open(os.path.join(root, "alembic.ini"), "w") as f:
        f.write(ALEMBIC_INI)
    with open(os.path.join(root, "migrations", "env.py"), "w") as f:
        f.write(ENV_PY)
    with open(os.path.join(root, "migrations", "script.py.mako"), "w") as f:
        f.write(SCRIPT_MAKO)
    down, labels = graph(n)
    start = datetime(2024, 1, 8, 9, 30, 0)
    parents = set()
    for i in range(n):
        d = down[i]
        parents.update(d if isinstance(d, tuple) else ([d] if d is not None else []))
        when = (start + timedelta(hours=7 * i, minutes=13 * (i % 5))).strftime(
            "%Y-%m-%d %H:%M:%S.") + "%06d" % (i * 7919 % 1000000)
        msg, doc = docstring(i, d, when)
        # a side branch's first revision leaves the fork point's table alone
        # (the chain's next revision reworks it)
        parent = None if i in labels else table_parent(d)
        up, dn = body(i, parent, isinstance(d, tuple))
        if isinstance(d, tuple):
            down_text = "(%s)" % ", ".join('"%s"' % rev_id(x) for x in d)
        else:
            down_text = '"%s"' % rev_id(d) if d is not None else "None"
        label = '("%s",)' % labels[i] if i in labels else "None"
        text = (
            "%s\n"
            "from alembic import op\n"
            "import sqlalchemy as sa\n\n\n"
            "# revision identifiers, used by Alembic.\n"
            'revision = "%s"\n'
            "down_revision = %s\n"
            "branch_labels = %s\n"
            "depends_on = None\n\n\n"
            "def upgrade() -> None:\n"
            "    # ### commands auto generated by Alembic - please adjust! ###\n"
            "    %s\n"
            "    # ### end Alembic commands ###\n\n\n"
            "def downgrade() -> None:\n"
            "    # ### commands auto generated by Alembic - please adjust! ###\n"
            "    %s\n"
            "    # ### end Alembic commands ###\n"
            % (doc, rev_id(i), down_text, label, "\n    ".join(up), "\n    ".join(dn)))
        with open(os.path.join(versions, "%s_%s.py" % (rev_id(i), slug(msg))), "w") as f:
            f.write(text)
    heads = [i for i in range(n) if i not in parents]
    print("%d revisions, %d heads" % (n, len(heads)))


if __name__ == "__main__":
    main()
