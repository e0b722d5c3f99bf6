// Generates benchmark projects:
//   strata_bench_gen chain DIR N     N-revision linear chain, strata (Lua) and
//                                    Alembic (Python) scripts side by side:
//                                    DIR/strata/..., DIR/alembic/...
//   strata_bench_gen tables DIR N    N revisions, each creating one table with
//                                    five columns and one index, alternating
//                                    between schemas bench_a and bench_b
//                                    (strata and Alembic forms).
// URL (optional, default sqlite:///bench.db) goes into strata.toml and
// alembic.ini. Both configs locate their scripts relative to the config file
// (alembic.ini through %(here)s), so `strata -c DIR/strata/strata.toml` and
// `alembic -c DIR/alembic/alembic.ini` work from any directory.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

std::string rev_id(int i) { return fmt::format("{:012x}", 0xa000000000ULL + static_cast<unsigned>(i)); }

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

std::string lua_revision(int i, const std::string& body_up, const std::string& body_down) {
  std::string down = i == 0 ? "nil" : "\"" + rev_id(i - 1) + "\"";
  return fmt::format(
      "-- revision {0}\n--\n-- Revision ID: {1}\n-- Revises: {2}\n-- Create Date: 2025-01-01 00:00:00\n\n"
      "revision = \"{1}\"\ndown_revision = {3}\nbranch_labels = nil\ndepends_on = nil\n\n"
      "function upgrade()\n{4}end\n\nfunction downgrade()\n{5}end\n",
      i, rev_id(i), i == 0 ? "" : rev_id(i - 1), down, body_up, body_down);
}

std::string py_revision(int i, const std::string& body_up, const std::string& body_down) {
  std::string down = i == 0 ? "None" : "'" + rev_id(i - 1) + "'";
  return fmt::format(
      "\"\"\"revision {0}\n\nRevision ID: {1}\nRevises: {2}\nCreate Date: 2025-01-01 00:00:00\n\n\"\"\"\n"
      "from alembic import op\nimport sqlalchemy as sa\n\n"
      "revision = '{1}'\ndown_revision = {3}\nbranch_labels = None\ndepends_on = None\n\n\n"
      "def upgrade():\n{4}\n\ndef downgrade():\n{5}\n",
      i, rev_id(i), i == 0 ? "" : rev_id(i - 1), down, body_up, body_down);
}

void write_projects(const fs::path& dir, const std::string& url) {
  fs::create_directories(dir / "strata/migrations/versions");
  fs::create_directories(dir / "alembic/migrations/versions");
  write(dir / "strata/strata.toml",
        fmt::format("script_location = \"migrations\"\nurl = \"{}\"\n", url));
  write(dir / "alembic/alembic.ini",
        fmt::format("[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = {}\n\n"
                    "[loggers]\nkeys = root\n[handlers]\nkeys = console\n[formatters]\nkeys = generic\n"
                    "[logger_root]\nlevel = WARN\nhandlers = console\n"
                    "[handler_console]\nclass = StreamHandler\nargs = (sys.stderr,)\nlevel = NOTSET\n"
                    "formatter = generic\n[formatter_generic]\nformat = %(levelname)-5.5s [%(name)s] %(message)s\n",
                    url));
  write(dir / "alembic/migrations/script.py.mako", "");
  write(dir / "alembic/migrations/env.py",
        "from alembic import context\nfrom sqlalchemy import engine_from_config, pool\n"
        "config = context.config\n"
        "if context.is_offline_mode():\n"
        "    context.configure(url=config.get_main_option('sqlalchemy.url'), literal_binds=True)\n"
        "    with context.begin_transaction():\n        context.run_migrations()\n"
        "else:\n"
        "    engine = engine_from_config(config.get_section(config.config_ini_section), prefix='sqlalchemy.', poolclass=pool.NullPool)\n"
        "    with engine.connect() as connection:\n"
        "        context.configure(connection=connection)\n"
        "        with context.begin_transaction():\n            context.run_migrations()\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s chain|tables DIR N [URL]\n", argv[0]);
    return 2;
  }
  const std::string mode = argv[1];
  const fs::path dir = argv[2];
  const int n = std::stoi(argv[3]);
  const std::string url = argc > 4 ? argv[4] : "sqlite:///bench.db";
  write_projects(dir, url);
  for (int i = 0; i < n; ++i) {
    std::string lua_up = "  op.execute(\"SELECT 1\")\n", lua_down = lua_up;
    std::string py_up = "    op.execute('SELECT 1')", py_down = py_up;
    if (mode == "tables") {
      const std::string schema = i % 2 == 0 ? "bench_a" : "bench_b";
      const std::string table = fmt::format("t{:04d}", i);
      lua_up = fmt::format(
          "{2}  op.create_table(\"{1}\",\n"
          "    op.column(\"id\", op.Integer, {{primary_key = true}}),\n"
          "    op.column(\"name\", op.String(100), {{nullable = false}}),\n"
          "    op.column(\"amount\", op.Numeric(12, 2)),\n"
          "    op.column(\"created_at\", op.DateTime{{timezone = true}}),\n"
          "    op.column(\"payload\", op.Text),\n"
          "    {{schema = \"{0}\"}})\n"
          "  op.create_index(\"ix_{1}_name\", \"{1}\", {{\"name\"}}, {{schema = \"{0}\"}})\n",
          schema, table, i < 2 ? fmt::format("  op.create_schema(\"{}\", {{if_not_exists = true}})\n", schema) : "");
      lua_down = fmt::format("  op.drop_table(\"{1}\", {{schema = \"{0}\"}})\n", schema, table);
      py_up = fmt::format(
          "{2}    op.create_table('{1}',\n"
          "        sa.Column('id', sa.Integer(), primary_key=True),\n"
          "        sa.Column('name', sa.String(100), nullable=False),\n"
          "        sa.Column('amount', sa.Numeric(12, 2)),\n"
          "        sa.Column('created_at', sa.DateTime(timezone=True)),\n"
          "        sa.Column('payload', sa.Text()),\n"
          "        schema='{0}')\n"
          "    op.create_index('ix_{1}_name', '{1}', ['name'], schema='{0}')",
          schema, table, i < 2 ? fmt::format("    op.execute('CREATE SCHEMA IF NOT EXISTS {}')\n", schema) : "");
      py_down = fmt::format("    op.drop_table('{1}', schema='{0}')", schema, table);
    }
    const std::string name = fmt::format("{}_rev_{}", rev_id(i), i);
    write(dir / "strata/migrations/versions" / (name + ".lua"), lua_revision(i, lua_up, lua_down));
    write(dir / "alembic/migrations/versions" / (name + ".py"), py_revision(i, py_up, py_down));
  }
  std::printf("%s: %d revisions in %s\n", mode.c_str(), n, dir.c_str());
  return 0;
}
