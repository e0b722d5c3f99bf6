"""Run many Alembic commands in one Python process (tests/interop/twin_project.h).

Starting /usr/bin/python3 and importing alembic + SQLAlchemy costs about a
second a time on the test machines, far more than the command itself, so the
interop tests start this driver once per test process and send it each
`alembic ...` command instead of spawning `python3 -m alembic ...`.

Protocol (one request at a time):
  * On start the driver writes "ready\n" on its reply channel (its original
    stdout), or "missing <reason>\n" when alembic cannot be imported, and then
    exits.
  * A request is one line of JSON: {"cwd": DIR, "argv": [ARG, ...]}, where
    argv is what would follow `python3 -m alembic`.
  * The reply is a header line "<exit code> <stdout bytes> <stderr bytes>\n"
    followed by exactly that many bytes of the command's stdout, then stderr.
  * End of input ends the driver.

Each command runs as `python3 -m alembic ARGV` would in a fresh process: in
DIR, with stdin on /dev/null, its stdout and stderr at the file-descriptor
level going to files of its own (so everything written there is captured,
whatever stream object wrote it), logging and warnings put back to the state
they have right after start-up (env.py then configures logging from
alembic.ini, as it does in a fresh process), and the exit code a process would
have: 0, the argument of sys.exit (Alembic's `FAILED: ...` path exits -1, i.e.
255), or 1 with the traceback on stderr for an uncaught exception. The test
process starts the driver with PYTHONHASHSEED=0 and PYTHONDONTWRITEBYTECODE=1,
as it started each `python3 -m alembic` before.
"""
import os
import sys

# The request/reply channels are fd 0 and fd 1 as started; move them out of
# the way so that the commands find stdin on /dev/null and their own stdout.
_requests = os.fdopen(os.dup(0), "rb")
_replies = os.fdopen(os.dup(1), "wb", buffering=0)
_devnull = os.open(os.devnull, os.O_RDONLY)
os.dup2(_devnull, 0)
os.close(_devnull)
_saved_stdout = os.dup(1)
_saved_stderr = os.dup(2)

try:
    import alembic.config  # noqa: E402  (also imports alembic, SQLAlchemy)
except Exception as e:  # pragma: no cover - exercised only without alembic
    _replies.write(("missing %s: %s" % (type(e).__name__, e)).replace("\n", " ").encode() + b"\n")
    sys.exit(0)

import json  # noqa: E402
import logging  # noqa: E402
import tempfile  # noqa: E402
import traceback  # noqa: E402
import warnings  # noqa: E402


def _snapshot_logging():
    """The configuration of every logger that exists now (after imports)."""
    manager = logging.Logger.manager
    loggers = [logging.getLogger()] + [
        logger for logger in manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    return [
        (logger, logger.level, list(logger.handlers), logger.disabled, logger.propagate)
        for logger in loggers
    ]


_logging_state = _snapshot_logging()
_known_loggers = {id(entry[0]) for entry in _logging_state}
_warning_filters = list(warnings.filters)


def _reset_process_state():
    """Undo what the previous command left in logging and warnings."""
    logging.disable(logging.NOTSET)
    for logger in logging.Logger.manager.loggerDict.values():
        # Loggers created by an earlier command: back to a new logger's state.
        if isinstance(logger, logging.Logger) and id(logger) not in _known_loggers:
            logger.setLevel(logging.NOTSET)
            logger.handlers.clear()
            logger.disabled = False
            logger.propagate = True
    for logger, level, handlers, disabled, propagate in _logging_state:
        logger.setLevel(level)
        logger.handlers[:] = handlers
        logger.disabled = disabled
        logger.propagate = propagate
    warnings.filters[:] = _warning_filters
    warnings._filters_mutated()  # forget which warnings were already shown
    warnings.onceregistry.clear()


def _exit_code(e):
    code = e.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)  # what the interpreter does with sys.exit("text")
    return 1


def _run(cwd, argv):
    os.chdir(cwd)
    sys.path[0] = os.getcwd()  # `python -m` puts the working directory first
    _reset_process_state()
    try:
        alembic.config.main(argv=argv, prog="alembic")
        return 0
    except SystemExit as e:
        return _exit_code(e)
    except BaseException:  # an uncaught exception: traceback, exit status 1
        traceback.print_exc()
        return 1


def _serve():
    _replies.write(b"ready\n")
    for line in _requests:
        if not line.strip():
            continue
        request = json.loads(line)
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            try:
                code = _run(request["cwd"], request["argv"])
            finally:
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except Exception:
                        pass
                for handler in logging._handlerList:
                    handler = handler()
                    if handler is not None and hasattr(handler, "flush"):
                        try:
                            handler.flush()
                        except Exception:
                            pass
                os.dup2(_saved_stdout, 1)
                os.dup2(_saved_stderr, 2)
            out.seek(0)
            err.seek(0)
            out_bytes = out.read()
            err_bytes = err.read()
        _replies.write(b"%d %d %d\n" % (code, len(out_bytes), len(err_bytes)) + out_bytes + err_bytes)


_serve()
