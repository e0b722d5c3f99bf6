"""Alembic 1.8 oracle for strata's revision graph and migration planning.

Builds Alembic RevisionMap / ScriptDirectory objects in memory for a corpus
of revision graphs (fixed shapes from Alembic's own test suite plus seeded
random DAGs), runs upgrade / downgrade / stamp planning, HeadMaintainer row
maintenance, history ranges and identifier lookups, and prints everything as
JSON for tests/unit/alembic_oracle_test.cpp to compare against.

Usage: /usr/bin/python3 alembic_oracle.py [--seed N] [--random-graphs N]
Exit status 3 when alembic cannot be imported.

Determinism: where Alembic 1.8 iterates a Python set of strings (whose order
depends on PYTHONHASHSEED) and the order is observable, this script patches
Alembic to keep declaration order instead, which is one of the orders Alembic
itself may produce:
  - RevisionMap._normalize_depends_on (order of normalized dependencies),
  - RevisionStep.merge_branch_idents / _unmerge_to_revisions (which rows are
    deleted/inserted vs updated at merges and unmerges).
"""
import json
import random
import sys
import types
import warnings

try:
    from alembic import util
    from alembic.runtime import migration
    from alembic.script import base as script_base
    from alembic.script import revision as revmod
except ImportError as exc:  # pragma: no cover
    print("alembic not importable: %s" % exc, file=sys.stderr)
    sys.exit(3)

warnings.simplefilter("ignore")


# --------------------------------------------------------------------------
# Order-preserving patches (see module docstring).

def _normalize_depends_on(self, revisions, map_):
    for revision in revisions:
        if revision._resolved_dependencies:
            normalized_resolved = set(revision._resolved_dependencies)
            for rev in self._get_ancestor_nodes(
                [revision], include_dependencies=False, map_=map_
            ):
                if rev is revision:
                    continue
                elif rev._resolved_dependencies:
                    normalized_resolved.difference_update(
                        rev._resolved_dependencies
                    )
            revision._normalized_resolved_dependencies = tuple(
                d
                for d in dict.fromkeys(revision._resolved_dependencies)
                if d in normalized_resolved
            )
        else:
            revision._normalized_resolved_dependencies = ()


def _merge_branch_idents(self, heads):
    other_heads = set(heads).difference(self.from_revisions)
    if other_heads:
        ancestors = set(
            r.revision
            for r in self.revision_map._get_ancestor_nodes(
                self.revision_map.get_revisions(other_heads), check=False
            )
        )
        from_revisions = [
            r for r in dict.fromkeys(self.from_revisions) if r not in ancestors
        ]
    else:
        from_revisions = list(self.from_revisions)
    return (list(from_revisions[0:-1]), from_revisions[-1], self.to_revisions[0])


def _unmerge_to_revisions(self, heads):
    other_heads = set(heads).difference([self.revision.revision])
    if other_heads:
        ancestors = set(
            r.revision
            for r in self.revision_map._get_ancestor_nodes(
                self.revision_map.get_revisions(other_heads), check=False
            )
        )
        return tuple(
            r for r in dict.fromkeys(self.to_revisions) if r not in ancestors
        )
    else:
        return self.to_revisions


revmod.RevisionMap._normalize_depends_on = _normalize_depends_on
migration.RevisionStep.merge_branch_idents = _merge_branch_idents
migration.RevisionStep._unmerge_to_revisions = _unmerge_to_revisions


# --------------------------------------------------------------------------
# In-memory script directory.

def _scalar(seq):
    if not seq:
        return None
    if len(seq) == 1:
        return seq[0]
    return tuple(seq)


def make_script(spec):
    module = types.ModuleType("rev_" + spec["id"])
    module.__doc__ = spec.get("doc", "")
    module.down_revision = _scalar(spec.get("down", []))
    module.branch_labels = tuple(spec.get("labels", [])) or None
    module.depends_on = _scalar(spec.get("deps", []))
    module.upgrade = lambda: None
    module.downgrade = lambda: None
    module.upgrade.__name__ = "upgrade"
    module.downgrade.__name__ = "downgrade"
    return script_base.Script(module, spec["id"], spec["id"] + ".py")


def make_script_directory(specs):
    scripts = [make_script(s) for s in specs]
    sd = script_base.ScriptDirectory.__new__(script_base.ScriptDirectory)
    sd.revision_map = revmod.RevisionMap(lambda: scripts)
    return sd


class RecordingHeadMaintainer(migration.HeadMaintainer):
    def __init__(self, heads):
        self.heads = set(heads)
        self.changes = []

    def _insert_version(self, version):
        assert version not in self.heads
        self.heads.add(version)
        self.changes.append(["insert", "", version])

    def _delete_version(self, version):
        self.heads.remove(version)
        self.changes.append(["delete", version, ""])

    def _update_version(self, from_, to_):
        assert to_ not in self.heads
        self.heads.remove(from_)
        self.heads.add(to_)
        self.changes.append(["update", from_, to_])


def _error(exc):
    if isinstance(exc, (util.CommandError, revmod.RevisionError)):
        return {"ok": False, "error": str(exc)}
    return {"ok": False, "error": None, "crash": type(exc).__name__}


def run_steps(sd, op, query):
    current = tuple(query["current"])
    try:
        if op == "upgrade":
            steps = sd._upgrade_revs(query["target"], current)
        elif op == "downgrade":
            steps = sd._downgrade_revs(query["target"], current)
        else:
            heads = () if query.get("purge") else current
            steps = sd._stamp_revs(tuple(query["dests"]), heads)
    except Exception as exc:  # noqa
        return _error(exc)
    out = {"ok": True, "steps": [str(s) for s in steps]}
    start = () if (op == "stamp" and query.get("purge")) else current
    # Row changes per step; a step that fails contributes nothing (strata
    # applies a step's changes all-or-nothing).
    hm = RecordingHeadMaintainer(start)
    per_step = []
    try:
        for step in steps:
            hm.changes = []
            hm.update_to_step(step)
            per_step.append(hm.changes)
        out["final_heads"] = sorted(hm.heads)
    except Exception as exc:  # noqa
        out["maintainer_error"] = type(exc).__name__
    out["changes"] = per_step
    return out


def run_history(sd, query):
    rev_range = query["range"]
    current = tuple(query["current"])
    try:
        if rev_range == "":
            revs = list(sd.walk_revisions())
        else:
            if ":" not in rev_range:
                raise util.CommandError(
                    "History range requires [start]:[end], [start]:, or :[end]"
                )
            base, head = rev_range.strip().split(":")
            if base == "current":
                base, head = current, head
            elif head == "current":
                base, head = base, current
            revs = list(sd.walk_revisions(base=base or "base", head=head or "heads"))
    except Exception as exc:  # noqa
        return _error(exc)
    return {"ok": True, "revisions": [r.revision for r in revs]}


def run_lookup(sd, query):
    try:
        revs = sd.get_revisions(query["id"])
    except Exception as exc:  # noqa
        return _error(exc)
    return {
        "ok": True,
        "revisions": [
            r.revision if isinstance(r, revmod.Revision) else (r or "<none>")
            for r in revs
        ],
    }


def graph_props(sd):
    rm = sd.revision_map
    props = {
        "heads": list(rm.heads),
        "real_heads": list(rm._real_heads),
        "bases": list(rm.bases),
        "real_bases": list(rm._real_bases),
        "revisions": {},
    }
    for rev_id, rev in rm._revision_map.items():
        if rev is None or rev.revision != rev_id:
            continue
        props["revisions"][rev_id] = {
            "labels": sorted(rev.branch_labels),
            "nextrev": sorted(rev.nextrev),
            "all_nextrev": sorted(rev._all_nextrev),
            "normalized_down": list(rev._normalized_down_revisions),
            "is_branch_point": rev.is_branch_point,
            "is_merge_point": rev.is_merge_point,
        }
    return props


# --------------------------------------------------------------------------
# Corpus.

def R(id_, down=(), labels=(), deps=(), doc=None):
    return {
        "id": id_,
        "down": list(down) if not isinstance(down, str) else [down],
        "labels": list(labels) if not isinstance(labels, str) else [labels],
        "deps": list(deps) if not isinstance(deps, str) else [deps],
        "doc": doc if doc is not None else "rev %s" % id_,
    }


FIXED_SHAPES = {
    "linear": [R("a"), R("b", "a"), R("c", "b"), R("d", "c", doc="")],
    "diamond": [R("a"), R("b1", "a"), R("b2", "a"), R("c", ["b1", "b2"])],
    "long_short_branches": [
        R("a"), R("b", "a"), R("c", "b"), R("d", "c"), R("e", "b"),
        R("f", "e"), R("g", "f"), R("h", ["d", "g"]),
    ],
    "multiple_bases": [
        R("a"), R("b", "a"), R("c", "b"), R("d"), R("e", "d"), R("f", "e"),
    ],
    "labeled_branches": [
        R("a1", labels="abranch"), R("a2", "a1"), R("a3", "a2"),
        R("b1", labels="bbranch"), R("b2", "b1"), R("b3", "b2"),
    ],
    "branch_from_label": [
        R("base1"), R("x1", "base1", labels="xbranch"), R("x2", "x1"),
        R("y1", "base1", labels="ybranch"), R("y2", "y1"),
    ],
    "cross_branch_dependencies": [
        R("a1", labels="abranch"), R("a2", "a1"), R("a3", "a2"),
        R("b1", labels="bbranch"), R("b2", "b1", deps="a2"), R("b3", "b2"),
        R("c1", labels="cbranch", deps="bbranch"), R("c2", "c1", deps="a3"),
    ],
    "mergepoint_then_branchpoint": [
        R("a"), R("b1", "a"), R("b2", "a"), R("m", ["b1", "b2"]),
        R("c1", "m"), R("c2", "m"), R("d1", "c1"),
    ],
    "branchpoint_mergepoint_mix": [
        R("a"), R("b", "a"), R("c1", "b"), R("c2", "b"), R("c3", "b"),
        R("d1", "c1"), R("m1", ["d1", "c2"]), R("e", "c3"), R("m2", ["m1", "e"]),
    ],
    "dependency_on_other_base": [
        R("a1"), R("a2", "a1"), R("b1", deps="a1"), R("b2", "b1"),
        R("b3", "b2", deps="a2"),
    ],
    "dependency_only_head": [
        R("a"), R("b", "a"), R("c", deps="b"), R("d", "c"),
    ],
    "shared_prefixes": [
        R("abcd11"), R("abcd22", "abcd11"), R("abce33", "abcd22"), R("abc", "abce33"),
    ],
    "merge_of_three": [
        R("a"), R("b1", "a"), R("b2", "a"), R("b3", "a"), R("m", ["b1", "b2", "b3"]),
        R("n", "m"),
    ],
}

INVALID_SHAPES = {
    "cycle": [R("a", "c"), R("b", "a"), R("c", "b"), R("d")],
    "cycle_with_tail": [R("a"), R("b", ["a", "d"]), R("c", "b"), R("d", "c"), R("e", "a")],
    "dependency_cycle": [R("a"), R("b", "a", deps="c"), R("c", "b")],
    "self_loop": [R("a"), R("b", "b")],
    "dependency_self_loop": [R("a"), R("b", "a", deps="b")],
    "duplicate_label": [R("a", labels="x"), R("b", "a", labels="x")],
}


def random_graph(rng, index):
    n = rng.randint(4, 13)
    alphabet = "0123456789abcdef"
    ids = []
    while len(ids) < n:
        prefix = rng.choice(["ab", "cd", "ef", "a1"])
        cand = prefix + "".join(rng.choice(alphabet) for _ in range(rng.randint(2, 4)))
        if cand not in ids and not any(c.startswith(cand) or cand.startswith(c) for c in ids):
            ids.append(cand)
    specs = []
    label_count = 0
    for i, rid in enumerate(ids):
        spec = R(rid, doc=rng.choice(["", "msg %d" % i, "change %s" % rid]))
        if i > 0 and rng.random() > 0.12:
            earlier = [s["id"] for s in specs]
            if rng.random() < 0.22 and len(earlier) >= 2:
                spec["down"] = rng.sample(earlier, rng.choice([2, 2, 3]) if len(earlier) >= 3 else 2)
            else:
                # prefer extending a current head
                heads = [s["id"] for s in specs if not any(s["id"] in t["down"] for t in specs)]
                spec["down"] = [rng.choice(heads if rng.random() < 0.7 else earlier)]
        if i > 0 and rng.random() < 0.18:
            pool = [s["id"] for s in specs if s["id"] not in spec["down"]]
            labels_pool = [l for s in specs for l in s["labels"]]
            if labels_pool and rng.random() < 0.3:
                spec["deps"] = [rng.choice(labels_pool)]
            elif pool:
                spec["deps"] = [rng.choice(pool)]
        if rng.random() < 0.15:
            spec["labels"] = ["br%d_%d" % (index, label_count)]
            label_count += 1
        specs.append(spec)
    if rng.random() < 0.5:
        rng.shuffle(specs)  # map order is file order, not creation order
    return specs


def targets_for(specs, rng):
    ids = [s["id"] for s in specs]
    labels = [l for s in specs for l in s["labels"]]
    targets = ["heads", "head", "base", "+1", "+2", "-1", "-2", "head-1", "heads-1",
               "base+1", "base+2", "zzzz", "ab", "+0", "head+1"]
    targets += ids
    targets += [i[:4] for i in ids]
    targets += [i + "+1" for i in rng.sample(ids, min(3, len(ids)))]
    targets += [i + "-1" for i in rng.sample(ids, min(3, len(ids)))]
    for l in labels:
        targets += [l, l + "@head", l + "@heads", l + "@base", l + "@+1", l + "@-1",
                    l + "@" + rng.choice(ids)]
    return list(dict.fromkeys(targets))


def states_for(sd, specs, rng):
    ids = [s["id"] for s in specs]
    states = [[]]
    for target in ["heads"] + rng.sample(ids, min(5, len(ids))):
        res = run_steps(sd, "upgrade", {"target": target, "current": []})
        if res["ok"] and "final_heads" in res and res["final_heads"] not in states:
            states.append(res["final_heads"])
    for _ in range(2):
        state = rng.sample(ids, min(2, len(ids)))
        if state not in states:
            states.append(state)
    return states


def build_case(name, specs, rng, full=True):
    case = {"name": name, "revisions": specs}
    try:
        sd = make_script_directory(specs)
        sd.revision_map.heads
    except Exception as exc:  # noqa
        case["build_error"] = str(exc) if isinstance(exc, revmod.RevisionError) else None
        case["build_crash"] = type(exc).__name__
        return case
    case["props"] = graph_props(sd)
    queries = []
    targets = targets_for(specs, rng)
    states = states_for(sd, specs, rng)
    for current in states:
        for target in targets:
            for op in ("upgrade", "downgrade"):
                q = {"op": op, "target": target, "current": current}
                q["result"] = run_steps(sd, op, q)
                queries.append(q)
        stamp_sets = [[t] for t in targets[: 12 if full else 6]] + [[], ["base"]]
        ids = [s["id"] for s in specs]
        stamp_sets.append(rng.sample(ids, min(2, len(ids))))
        for dests in stamp_sets:
            for purge in (False, True):
                q = {"op": "stamp", "dests": dests, "current": current, "purge": purge}
                q["result"] = run_steps(sd, "stamp", q)
                queries.append(q)
        ranges = ["", ":", "base:heads", "current:", ":current", "current:heads",
                  "base:current", "nocolon", "a:b:c"]
        for _ in range(6):
            a, b = rng.choice(targets), rng.choice(targets)
            ranges += ["%s:%s" % (a, b), "%s:" % a, ":%s" % b]
        for r in dict.fromkeys(ranges):
            q = {"op": "history", "range": r, "current": current}
            q["result"] = run_history(sd, q)
            queries.append(q)
    for target in targets:
        q = {"op": "lookup", "id": target, "current": []}
        q["result"] = run_lookup(sd, q)
        queries.append(q)
    case["queries"] = queries
    return case


def main(argv):
    seed = 1234
    random_graphs = 40
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--seed":
            seed = int(args.pop(0))
        elif a == "--random-graphs":
            random_graphs = int(args.pop(0))
    rng = random.Random(seed)
    cases = []
    for name, specs in FIXED_SHAPES.items():
        cases.append(build_case(name, specs, rng))
    for name, specs in INVALID_SHAPES.items():
        cases.append(build_case(name, specs, rng))
    for i in range(random_graphs):
        cases.append(build_case("random_%d" % i, random_graph(rng, i), rng, full=False))
    json.dump({"alembic_version": __import__("alembic").__version__, "cases": cases},
              sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
