/* The floor for `strata current` on PostgreSQL: a minimal C program that links
 * libpq, connects with the URL given as argv[1], runs the query given as
 * argv[2] (the one strata runs, SELECT version_num FROM <version table>) and
 * prints one line per row. No options, no error detail beyond libpq's message.
 * Built by bench/current_startup/run.sh with `cc -O2 pq_current.c -lpq`. */
#include <libpq-fe.h>
#include <stdio.h>

int main(int argc, char** argv) {
  if (argc != 3) {
    fputs("usage: pq_current URL QUERY\n", stderr);
    return 2;
  }
  PGconn* conn = PQconnectdb(argv[1]);
  if (PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "%s", PQerrorMessage(conn));
    PQfinish(conn);
    return 1;
  }
  PGresult* res = PQexec(conn, argv[2]);
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    fprintf(stderr, "%s", PQerrorMessage(conn));
    PQclear(res);
    PQfinish(conn);
    return 1;
  }
  for (int i = 0; i < PQntuples(res); ++i) printf("%s\n", PQgetvalue(res, i, 0));
  PQclear(res);
  PQfinish(conn);
  return 0;
}
