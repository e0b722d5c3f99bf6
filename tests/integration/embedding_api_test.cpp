// The public embedding API (include/strata/), in-process, on SQLite always
// and PostgreSQL live (scripts/with-postgres.sh; a missing URL fails the
// test): every call, progress events, cancellation (nothing of the run
// stays), a lent connection (sqlite3* / PGconn* / MariaDB's MYSQL*, the
// last on the with-postgres.sh MariaDB: a missing URL fails it too), the
// Error fields and is_at_head.
#include <gtest/gtest.h>

#include <libpq-fe.h>
#include <mysql.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "strata/strata.h"
#include "support/live_db.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

std::string revision(const std::string& id, const std::string& down, const std::string& body,
                     const std::string& down_body = "") {
  return "-- " + id + " message\nrevision = \"" + id + "\"\ndown_revision = " + down +
         "\n\nfunction upgrade()\n" + body + "\nend\n\nfunction downgrade()\n" +
         (down_body.empty() ? "  op.drop_table(\"t_" + id + "\")" : down_body) + "\nend\n";
}

std::string create(const std::string& id) {
  return "  op.create_table(\"t_" + id + "\", op.column(\"id\", op.Integer, {primary_key = true}))";
}

std::vector<std::string> ids(const std::vector<RevisionInfo>& infos) {
  std::vector<std::string> out;
  for (const RevisionInfo& info : infos) out.push_back(info.id);
  return out;
}

class EmbeddingApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why;
    db_ = LiveDb::open(GetParam(), &why);
    ASSERT_NE(db_, nullptr) << why << " (run under scripts/with-postgres.sh)";
    std::filesystem::create_directories(dir_.file("migrations/versions"));
    write_file(dir_.file("strata.toml"),
               "script_location = \"migrations\"\nurl = \"" + db_->url() + "\"\n");
    add("a1", "nil", create("a1"));
    add("b2", "\"a1\"", create("b2"));
    add("c3", "\"b2\"", create("c3"));
  }
  std::string path(const std::string& id) { return dir_.file("migrations/versions/" + id + ".lua"); }
  void add(const std::string& id, const std::string& down, const std::string& body,
           const std::string& down_body = "") {
    write_file(path(id), revision(id, down, body, down_body));
  }
  std::unique_ptr<Migrator> open(MigratorOptions options = {}) {
    options.config_path = dir_.file("strata.toml");
    auto m = Migrator::open(std::move(options));
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message());
    return m.ok() ? std::move(m.value()) : nullptr;
  }
  bool table_exists(const std::string& table) {
    const std::string sql =
        GetParam() == "sqlite"
            ? "SELECT count(*) FROM sqlite_master WHERE name = '" + table + "'"
            : "SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'";
    return db_->conn().query(sql).rows.at(0).at(0).value_or("0") != "0";
  }

  TempDir dir_;
  std::unique_ptr<LiveDb> db_;
};

TEST_P(EmbeddingApi, UpgradeReportsStepsEventsAndLogLines) {
  std::vector<ProgressEvent> events;
  std::vector<std::string> lines;
  MigratorOptions options;
  options.on_progress = [&](const ProgressEvent& e) { events.push_back(e); };
  options.log = [&](LogLevel level, const std::string& line) {
    if (level == LogLevel::kInfo) lines.push_back(line);
  };
  auto m = open(options);
  ASSERT_NE(m, nullptr);
  Result<bool> before = m->is_at_head();
  ASSERT_TRUE(before.ok()) << before.error().message();
  EXPECT_FALSE(before.value());

  Result<RunReport> run = m->upgrade("head");
  ASSERT_TRUE(run.ok()) << run.error().message();
  ASSERT_EQ(run.value().steps.size(), 3u);
  EXPECT_EQ(run.value().steps[0].revision, "a1");
  EXPECT_EQ(run.value().steps[2].revision, "c3");
  EXPECT_EQ(run.value().steps[2].direction, "upgrade");
  EXPECT_EQ(run.value().steps[2].step, "upgrade b2 -> c3, c3 message");
  EXPECT_GE(run.value().steps[2].duration_ms, 0);
  EXPECT_TRUE(table_exists("t_c3"));

  // Set-up statements (lock, version table) come first, then the plan.
  auto planned = std::find_if(events.begin(), events.end(), [](const ProgressEvent& e) {
    return e.kind == ProgressEvent::Kind::kPlanned;
  });
  ASSERT_NE(planned, events.end());
  EXPECT_EQ(planned->total, 3u);
  for (auto it = events.begin(); it != planned; ++it) {
    EXPECT_EQ(it->kind, ProgressEvent::Kind::kStatement);
  }
  std::vector<std::string> started;
  int statements_in_b2 = 0;
  for (const ProgressEvent& e : events) {
    if (e.kind == ProgressEvent::Kind::kStepStarted) {
      started.push_back(std::to_string(e.index) + "/" + std::to_string(e.total) + " " + e.revision);
    }
    if (e.kind == ProgressEvent::Kind::kStatement && e.revision == "b2" &&
        e.statement.find("t_b2") != std::string::npos) {
      ++statements_in_b2;
    }
  }
  EXPECT_EQ(started, (std::vector<std::string>{"1/3 a1", "2/3 b2", "3/3 c3"}));
  EXPECT_GE(statements_in_b2, 1);
  EXPECT_NE(std::find(lines.begin(), lines.end(), "Running upgrade a1 -> b2, b2 message"), lines.end());

  Result<bool> after = m->is_at_head();
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after.value());
  // Already at head: nothing to do.
  Result<RunReport> again = m->upgrade("head");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again.value().steps.empty());
}

TEST_P(EmbeddingApi, DowngradeStampAndInspection) {
  auto m = open();
  ASSERT_NE(m, nullptr);
  ASSERT_TRUE(m->upgrade("head").ok());
  Result<RunReport> down = m->downgrade("-1");
  ASSERT_TRUE(down.ok()) << down.error().message();
  ASSERT_EQ(down.value().steps.size(), 1u);
  EXPECT_EQ(down.value().steps[0].revision, "c3");
  EXPECT_EQ(down.value().steps[0].direction, "downgrade");
  EXPECT_FALSE(table_exists("t_c3"));
  EXPECT_FALSE(m->is_at_head().value());

  Result<std::vector<RevisionInfo>> current = m->current();
  ASSERT_TRUE(current.ok());
  ASSERT_EQ(ids(current.value()), std::vector<std::string>{"b2"});
  const RevisionInfo& b2 = current.value()[0];
  EXPECT_EQ(b2.down_revisions, std::vector<std::string>{"a1"});
  EXPECT_EQ(b2.next_revisions, std::vector<std::string>{"c3"});
  EXPECT_EQ(b2.path, path("b2"));
  EXPECT_EQ(b2.doc, "b2 message");
  EXPECT_TRUE(b2.is_current);
  EXPECT_FALSE(b2.is_head);

  Result<RunReport> stamp = m->stamp({"c3"});
  ASSERT_TRUE(stamp.ok()) << stamp.error().message();
  ASSERT_EQ(stamp.value().steps.size(), 1u);
  EXPECT_EQ(stamp.value().steps[0].direction, "stamp");
  EXPECT_EQ(stamp.value().steps[0].revision, "c3");
  EXPECT_TRUE(m->is_at_head().value());
  EXPECT_FALSE(table_exists("t_c3"));  // stamped, not run

  EXPECT_EQ(ids(m->heads().value()), std::vector<std::string>{"c3"});
  EXPECT_TRUE(m->heads().value()[0].is_head);
  EXPECT_EQ(ids(m->history().value()), (std::vector<std::string>{"c3", "b2", "a1"}));
  Result<std::vector<RevisionInfo>> marked = m->history("", true);
  ASSERT_TRUE(marked.ok());
  EXPECT_TRUE(marked.value()[0].is_current);
  EXPECT_FALSE(marked.value()[1].is_current);
  EXPECT_EQ(ids(m->show("b2").value()), std::vector<std::string>{"b2"});
  EXPECT_EQ(ids(m->show("current").value()), std::vector<std::string>{"c3"});
  EXPECT_TRUE(m->branches().value().empty());
  EXPECT_EQ(m->dialect().value(), GetParam());
  Result<std::vector<RevisionInfo>> bad = m->show("zz");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kRevision);
  Result<std::vector<RevisionInfo>> bad_range = m->history("c3");
  ASSERT_FALSE(bad_range.ok());
  EXPECT_EQ(bad_range.error().code(), ErrorCode::kUsage);
}

TEST_P(EmbeddingApi, OfflineSqlAsStringAndStream) {
  auto m = open();
  ASSERT_NE(m, nullptr);
  Result<std::string> up = m->upgrade_sql("head");
  ASSERT_TRUE(up.ok()) << up.error().message();
  EXPECT_NE(up.value().find("-- Running upgrade a1 -> b2"), std::string::npos);
  EXPECT_NE(up.value().find("t_c3"), std::string::npos);
  std::ostringstream out;
  ASSERT_TRUE(m->upgrade_sql("a1:c3", out).ok());
  EXPECT_EQ(out.str().find("-- Running upgrade  -> a1"), std::string::npos);
  EXPECT_NE(out.str().find("-- Running upgrade b2 -> c3"), std::string::npos);
  Result<std::string> down = m->downgrade_sql("c3:a1");
  ASSERT_TRUE(down.ok()) << down.error().message();
  EXPECT_NE(down.value().find("-- Running downgrade c3 -> b2"), std::string::npos);
  Result<std::string> stamp = m->stamp_sql({"c3"});
  ASSERT_TRUE(stamp.ok()) << stamp.error().message();
  EXPECT_NE(stamp.value().find("c3"), std::string::npos);
  // Offline never touched the database.
  EXPECT_FALSE(table_exists("t_a1"));
  Result<std::string> range_online = m->downgrade_sql("a1");
  ASSERT_FALSE(range_online.ok());
  EXPECT_EQ(range_online.error().code(), ErrorCode::kUsage);
}

TEST_P(EmbeddingApi, CancellationRollsBackTheWholeRun) {
  CancellationToken token;
  bool cancel_at_c3 = true;
  MigratorOptions options;
  options.cancel = &token;
  options.on_progress = [&](const ProgressEvent& e) {
    if (cancel_at_c3 && e.kind == ProgressEvent::Kind::kStepStarted && e.revision == "c3") {
      token.cancel();
    }
  };
  auto m = open(options);
  ASSERT_NE(m, nullptr);
  Result<RunReport> run = m->upgrade("head");
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.error().code(), ErrorCode::kCancelled);
  EXPECT_EQ(run.error().revision().value_or(""), "c3");
  // One transaction for the run: a1 and b2 were rolled back too.
  EXPECT_FALSE(table_exists("t_a1"));
  EXPECT_FALSE(table_exists("t_b2"));
  token.reset();
  Result<std::vector<RevisionInfo>> current = m->current();
  ASSERT_TRUE(current.ok()) << current.error().message();
  EXPECT_TRUE(current.value().empty());
  // The token reset, the same Migrator runs to the end (the lock was released).
  cancel_at_c3 = false;
  Result<RunReport> rerun = m->upgrade("head");
  ASSERT_TRUE(rerun.ok()) << rerun.error().message();
  EXPECT_EQ(rerun.value().steps.size(), 3u);
}

TEST_P(EmbeddingApi, ErrorsCarryRevisionFileLineAndStatement) {
  add("d4", "\"c3\"", "  op.execute(\"SELECT * FROM no_such_table_d4\")");
  auto m = open();
  ASSERT_NE(m, nullptr);
  Result<RunReport> run = m->upgrade("head");
  ASSERT_FALSE(run.ok());
  const Error& e = run.error();
  EXPECT_EQ(e.code(), ErrorCode::kDatabase);
  EXPECT_EQ(e.revision().value_or(""), "d4");
  EXPECT_NE(e.statement().value_or("").find("no_such_table_d4"), std::string::npos) << e.message();
  EXPECT_EQ(e.file().value_or(""), path("d4")) << e.message();
  EXPECT_EQ(e.line().value_or(0), 6) << e.message();

  add("d4", "\"c3\"", "  local x = nil\n  x.y = 1");
  auto m2 = open();
  ASSERT_NE(m2, nullptr);
  Result<RunReport> script = m2->upgrade("head");
  ASSERT_FALSE(script.ok());
  EXPECT_EQ(script.error().code(), ErrorCode::kScript) << script.error().message();
  EXPECT_EQ(script.error().revision().value_or(""), "d4");
  EXPECT_EQ(script.error().line().value_or(0), 7) << script.error().message();
  EXPECT_FALSE(script.error().statement().has_value());

  Result<std::unique_ptr<Migrator>> missing = Migrator::open({.config_path = dir_.file("none.toml")});
  ASSERT_FALSE(missing.ok());
  EXPECT_FALSE(missing.error().message().empty());
}

TEST_P(EmbeddingApi, LentConnectionIsUsedAndLeftOpen) {
  MigratorOptions options;
  sqlite3* lite = nullptr;
  PGconn* pg = nullptr;
  if (GetParam() == "sqlite") {
    ASSERT_EQ(sqlite3_open(db_->url().substr(std::string("sqlite:///").size()).c_str(), &lite), SQLITE_OK);
    options.connection = ExternalConnection::sqlite(lite);
  } else {
    pg = PQconnectdb(db_->url().c_str());
    ASSERT_EQ(PQstatus(pg), CONNECTION_OK) << PQerrorMessage(pg);
    options.connection = ExternalConnection::postgres(pg);
  }
  // The URL in strata.toml is wrong: only the lent connection can work.
  write_file(dir_.file("strata.toml"), "script_location = \"migrations\"\nurl = \"" +
                                           std::string(GetParam() == "sqlite" ? "sqlite:////nonexistent/dir/x.db"
                                                                               : "postgresql://nobody@127.0.0.1:1/none") +
                                           "\"\n");
  {
    auto m = open(options);
    ASSERT_NE(m, nullptr);
    Result<RunReport> run = m->upgrade("b2");
    ASSERT_TRUE(run.ok()) << run.error().message();
    EXPECT_EQ(run.value().steps.size(), 2u);
    EXPECT_EQ(ids(m->current().value()), std::vector<std::string>{"b2"});
    EXPECT_FALSE(m->is_at_head().value());
  }
  // Still open and usable after the Migrator is gone.
  if (lite != nullptr) {
    EXPECT_EQ(sqlite3_exec(lite, "SELECT * FROM t_b2", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(lite);
  } else {
    PGresult* r = PQexec(pg, "SELECT version_num FROM alembic_version");
    ASSERT_EQ(PQresultStatus(r), PGRES_TUPLES_OK);
    EXPECT_EQ(std::string(PQgetvalue(r, 0, 0)), "b2");
    PQclear(r);
    PQfinish(pg);
  }
  EXPECT_TRUE(table_exists("t_b2"));
}

TEST_P(EmbeddingApi, ValidateLintVerifyRevisionAndCheck) {
  auto m = open();
  ASSERT_NE(m, nullptr);
  ASSERT_TRUE(m->upgrade("head").ok());
  Result<ValidationReport> valid = m->validate();
  ASSERT_TRUE(valid.ok()) << valid.error().message();
  EXPECT_TRUE(valid.value().ok());
  add("b2", "\"a1\"", create("b2") + "\n  -- edited");
  Result<ValidationReport> changed = m->validate();
  ASSERT_TRUE(changed.ok());
  ASSERT_EQ(changed.value().problems.size(), 1u);
  EXPECT_EQ(changed.value().problems[0].revision, "b2");
  EXPECT_EQ(changed.value().problems[0].kind, "changed");
  EXPECT_TRUE(changed.value().problems[0].current.has_value());
  EXPECT_FALSE(changed.value().problems[0].text.empty());

  add("d4", "\"c3\"", "  op.create_index(\"ix_t_a1_id\", \"t_a1\", {\"id\"})",
      "  op.drop_index(\"ix_t_a1_id\", \"t_a1\")");
  auto fresh = open();
  ASSERT_NE(fresh, nullptr);
  Result<LintReport> lint = fresh->lint("c3:d4", "postgresql");
  ASSERT_TRUE(lint.ok()) << lint.error().message();
  EXPECT_EQ(lint.value().revisions, 1);
  ASSERT_FALSE(lint.value().findings.empty());
  EXPECT_EQ(lint.value().findings[0].kind, "index-not-concurrent");
  EXPECT_EQ(lint.value().findings[0].revision, "d4");
  EXPECT_EQ(lint.value().findings[0].line, 6);
  EXPECT_NE(lint.value().findings[0].text.find("index-not-concurrent"), std::string::npos);

  Result<VerifyReport> verify = fresh->verify();
  ASSERT_TRUE(verify.ok()) << verify.error().message();
  EXPECT_TRUE(verify.value().ok()) << verify.value().failure->text;
  EXPECT_EQ(verify.value().verified, (std::vector<std::string>{"a1", "b2", "c3", "d4"}));
  EXPECT_FALSE(table_exists("ix_t_a1_id"));  // the configured database was not migrated

  Result<std::string> made = fresh->revision({.message = "next one", .rev_id = "e5"});
  ASSERT_TRUE(made.ok()) << made.error().message();
  EXPECT_TRUE(std::filesystem::exists(made.value()));

  // check without models configured is an error, returned as a value.
  Result<CheckResult> check = fresh->check();
  EXPECT_FALSE(check.ok());
}

TEST_P(EmbeddingApi, CheckAutogenerateDumpAndMerge) {
  std::filesystem::create_directories(dir_.file("models"));
  write_file(dir_.file("strata.toml"), "script_location = \"migrations\"\nurl = \"" + db_->url() +
                                           "\"\nmodels = [\"models/*.lua\"]\n");
  std::string models;
  for (const std::string& id : {"a1", "b2", "c3"}) {
    models += "model.table(\"t_" + id + "\", model.column(\"id\", model.Integer, {primary_key = true}))\n";
  }
  write_file(dir_.file("models/app.lua"),
             models + "model.table(\"extra\", model.column(\"id\", model.Integer, {primary_key = true}))\n");
  auto m = open();
  ASSERT_NE(m, nullptr);
  ASSERT_TRUE(m->upgrade("head").ok());
  Result<CheckResult> check = m->check();
  ASSERT_TRUE(check.ok()) << check.error().message();
  EXPECT_FALSE(check.value().clean);
  ASSERT_EQ(check.value().changes.size(), 1u);
  EXPECT_NE(check.value().changes[0].find("extra"), std::string::npos) << check.value().changes[0];

  Result<AutogenerateResult> made = m->autogenerate({.message = "add extra", .rev_id = "d4"});
  ASSERT_TRUE(made.ok()) << made.error().message();
  ASSERT_TRUE(made.value().path.has_value());
  EXPECT_NE(read_file(*made.value().path).find("op.create_table"), std::string::npos);

  Result<std::map<std::string, std::string>> dumped = m->dump_models("lua");
  ASSERT_TRUE(dumped.ok()) << dumped.error().message();
  ASSERT_FALSE(dumped.value().empty());
  EXPECT_NE(dumped.value().begin()->second.find("t_c3"), std::string::npos);

  // A second head from b2, then a merge of both.
  Result<std::string> branch = m->revision({.message = "side", .head = "b2", .splice = true, .rev_id = "s1"});
  ASSERT_TRUE(branch.ok()) << branch.error().message();
  auto fresh = open();
  ASSERT_NE(fresh, nullptr);
  EXPECT_EQ(fresh->heads().value().size(), 2u);
  Result<std::vector<RevisionInfo>> points = fresh->branches();
  ASSERT_TRUE(points.ok());
  ASSERT_EQ(ids(points.value()), std::vector<std::string>{"b2"});
  EXPECT_TRUE(points.value()[0].is_branch_point);
  Result<std::string> merged = fresh->merge({"heads"}, {.message = "merge", .rev_id = "m9"});
  ASSERT_TRUE(merged.ok()) << merged.error().message();
  auto after = open();
  ASSERT_NE(after, nullptr);
  ASSERT_EQ(ids(after->heads().value()), std::vector<std::string>{"m9"});
  EXPECT_TRUE(after->heads().value()[0].is_merge_point);
}

// doctor through the API: a database strata can use reports no problem and
// names its dialect; each passed check is one line.
TEST_P(EmbeddingApi, DoctorReportsThroughTheApi) {
  auto m = open();
  ASSERT_NE(m, nullptr);
  ASSERT_TRUE(m->upgrade("head").ok());
  Result<DoctorReport> report = m->doctor();
  ASSERT_TRUE(report.ok()) << report.error().message();
  EXPECT_EQ(report.value().dialect, GetParam());
  EXPECT_TRUE(report.value().ok()) << (report.value().problems.empty()
                                           ? std::string()
                                           : report.value().problems[0].message);
  EXPECT_FALSE(report.value().passed.empty());
  EXPECT_EQ(report.value().url.find("s3cr3t"), std::string::npos);
}

// import-alembic in-process: the tasks fixture becomes a strata project
// whose revisions the Migrator then reads; a second import without update
// is refused as a value, with update it reports every file unchanged.
TEST(EmbeddingApiImport, ImportAlembicThenOpenTheResult) {
  TempDir dir;
  const std::string dest = dir.file("tasks-strata");
  ImportAlembicOptions options{.src = std::string(STRATA_SOURCE_DIR) + "/tests/alembic_projects/tasks",
                               .dest = dest};
  Result<ImportAlembicReport> report = import_alembic(options);
  ASSERT_TRUE(report.ok()) << report.error().message();
  EXPECT_EQ(report.value().revisions.size(), 7u);
  EXPECT_EQ(report.value().to_edit(), 0);
  EXPECT_TRUE(report.value().strata_toml_written);
  for (const ImportedRevision& r : report.value().revisions) EXPECT_EQ(r.status, "written");

  Result<ImportAlembicReport> again = import_alembic(options);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message().find("--update"), std::string::npos);
  options.update = true;
  Result<ImportAlembicReport> updated = import_alembic(options);
  ASSERT_TRUE(updated.ok()) << updated.error().message();
  for (const ImportedRevision& r : updated.value().revisions) EXPECT_EQ(r.status, "unchanged");

  Result<std::unique_ptr<Migrator>> m =
      Migrator::open({.config_path = dest + "/strata.toml", .url = "sqlite:///" + dir.file("t.db")});
  ASSERT_TRUE(m.ok()) << m.error().message();
  Result<std::vector<RevisionInfo>> heads = m.value()->heads();
  ASSERT_TRUE(heads.ok()) << heads.error().message();
  ASSERT_EQ(heads.value().size(), 1u);
  EXPECT_EQ(heads.value()[0].id, "e41b7f0a9c55");
}

// A MYSQL* the program connected itself with libmariadb (the library strata
// loads at run time), lent through ExternalConnection::mariadb: every call
// runs on it, the session it had comes back when the Migrator goes, and it
// stays open.
class EmbeddingApiMariadb : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    db_ = LiveDb::open("mysql", &why);
    ASSERT_NE(db_, nullptr) << why << " (run under scripts/with-postgres.sh)";
    std::filesystem::create_directories(dir_.file("migrations/versions"));
    // The URL in strata.toml is wrong: only the lent connection can work.
    write_file(dir_.file("strata.toml"),
               "script_location = \"migrations\"\nurl = \"mysql://nobody@127.0.0.1:1/none\"\n");
    write_file(dir_.file("migrations/versions/a1.lua"), revision("a1", "nil", create("a1")));
    // b2 needs both session changes strata makes: two statements in one
    // op.execute (multi-statements) and a literal with a backslash (no
    // NO_BACKSLASH_ESCAPES while strata escapes it).
    write_file(dir_.file("migrations/versions/b2.lua"),
               revision("b2", "\"a1\"",
                        R"lua(  op.create_table("t_b2", op.column("id", op.Integer, {primary_key = true}),
                  op.column("note", op.String(20)))
  op.bulk_insert("t_b2", {{id = 1, note = "a\\b"}})
  op.execute("INSERT INTO t_b2 (id, note) VALUES (2, 'x'); INSERT INTO t_b2 (id, note) VALUES (3, 'y')"))lua"));
    write_file(dir_.file("migrations/versions/c3.lua"), revision("c3", "\"b2\"", create("c3")));

    config::Url url = config::parse_url(db_->url());
    handle_ = mysql_init(nullptr);
    ASSERT_NE(handle_, nullptr);
    mysql_options(handle_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    // No CLIENT_MULTI_STATEMENTS: strata turns it on for its calls only.
    ASSERT_NE(mysql_real_connect(handle_, url.host ? url.host->c_str() : nullptr,
                                 url.user ? url.user->c_str() : nullptr,
                                 url.password ? url.password->c_str() : nullptr, url.database.c_str(),
                                 url.port ? static_cast<unsigned int>(*url.port) : 0u, nullptr, 0),
              nullptr)
        << mysql_error(handle_);
    ASSERT_EQ(mysql_query(handle_, "SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')"), 0)
        << mysql_error(handle_);
    sql_mode_ = value("SELECT @@SESSION.sql_mode");
    ASSERT_NE(sql_mode_.find("NO_BACKSLASH_ESCAPES"), std::string::npos);
  }
  void TearDown() override {
    if (handle_ != nullptr) mysql_close(handle_);
  }
  // The first column of the first row of `sql` on the lent handle ("<null>"
  // for NULL); an error fails the test and gives "<error>".
  std::string value(const std::string& sql) {
    if (mysql_query(handle_, sql.c_str()) != 0) {
      ADD_FAILURE() << sql << ": " << mysql_error(handle_);
      return "<error>";
    }
    MYSQL_RES* res = mysql_store_result(handle_);
    if (res == nullptr) {
      ADD_FAILURE() << sql << ": no result";
      return "<error>";
    }
    MYSQL_ROW row = mysql_fetch_row(res);
    std::string out = row == nullptr ? "<no row>" : row[0] == nullptr ? "<null>" : row[0];
    mysql_free_result(res);
    return out;
  }
  std::unique_ptr<Migrator> open() {
    MigratorOptions options;
    options.config_path = dir_.file("strata.toml");
    options.connection = ExternalConnection::mariadb(handle_);
    auto m = Migrator::open(std::move(options));
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message());
    return m.ok() ? std::move(m.value()) : nullptr;
  }

  TempDir dir_;
  std::unique_ptr<LiveDb> db_;
  MYSQL* handle_ = nullptr;
  std::string sql_mode_;
};

TEST_F(EmbeddingApiMariadb, LentConnectionIsUsedRestoredAndLeftOpen) {
  {
    auto m = open();
    ASSERT_NE(m, nullptr);
    Result<RunReport> up = m->upgrade("head");
    ASSERT_TRUE(up.ok()) << up.error().message();
    EXPECT_EQ(up.value().steps.size(), 3u);
    EXPECT_EQ(ids(m->current().value()), std::vector<std::string>{"c3"});
    EXPECT_TRUE(m->is_at_head().value());
    // Stored as written: one backslash, both statements of the op.execute.
    EXPECT_EQ(db_->rows(std::nullopt, "t_b2"),
              (std::vector<std::string>{"'1'|'a\\b'|", "'2'|'x'|", "'3'|'y'|"}));

    Result<RunReport> down = m->downgrade("a1");
    ASSERT_TRUE(down.ok()) << down.error().message();
    EXPECT_EQ(down.value().steps.size(), 2u);
    EXPECT_EQ(ids(m->current().value()), std::vector<std::string>{"a1"});
    EXPECT_FALSE(m->is_at_head().value());
  }
  // The Migrator is gone: the handle is open, on the same session, with its
  // settings back.
  EXPECT_EQ(mysql_ping(handle_), 0) << mysql_error(handle_);
  EXPECT_EQ(value("SELECT version_num FROM alembic_version"), "a1");
  EXPECT_EQ(value("SELECT @@SESSION.sql_mode"), sql_mode_);
  EXPECT_EQ(value("SELECT @@SESSION.autocommit"), "1");
  EXPECT_EQ(value("SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
                  "AND table_name IN ('t_a1', 't_b2', 't_c3')"),
            "1");
  EXPECT_NE(mysql_query(handle_, "SELECT 1; SELECT 2"), 0) << "multi-statements left on";
}

TEST_F(EmbeddingApiMariadb, AutocommitOffOrAnOpenTransactionIsRefusedAndNothingChanged) {
  ASSERT_EQ(mysql_autocommit(handle_, 0), 0) << mysql_error(handle_);
  MigratorOptions options;
  options.config_path = dir_.file("strata.toml");
  options.connection = ExternalConnection::mariadb(handle_);
  Result<std::unique_ptr<Migrator>> refused = Migrator::open(options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::kConfig);
  EXPECT_NE(refused.error().message().find("autocommit off"), std::string::npos)
      << refused.error().message();

  ASSERT_EQ(mysql_autocommit(handle_, 1), 0) << mysql_error(handle_);
  ASSERT_EQ(mysql_query(handle_, "START TRANSACTION"), 0) << mysql_error(handle_);
  Result<std::unique_ptr<Migrator>> open_transaction = Migrator::open(options);
  ASSERT_FALSE(open_transaction.ok());
  EXPECT_NE(open_transaction.error().message().find("transaction open"), std::string::npos)
      << open_transaction.error().message();
  ASSERT_EQ(mysql_query(handle_, "ROLLBACK"), 0) << mysql_error(handle_);

  EXPECT_EQ(value("SELECT @@SESSION.sql_mode"), sql_mode_);
  EXPECT_NE(mysql_query(handle_, "SELECT 1; SELECT 2"), 0) << "multi-statements left on";
  EXPECT_EQ(value("SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE()"), "0");
}

INSTANTIATE_TEST_SUITE_P(Dialects, EmbeddingApi, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace strata::testing
