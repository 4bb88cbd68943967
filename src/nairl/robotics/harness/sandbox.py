"""How a worker process starts: as an unprivileged user, with a scrubbed environment, in a
private empty directory, and with its resource limits set before it imports anything.

Everything happens between ``fork`` and ``exec``, so before the interpreter runs a line. When
the harness runs as root, the worker runs as ``$NAIRL_ROBOTICS_WORKER_USER`` (default
``nairl-worker``, which ``make setup`` creates), else as ``nobody``; never as root. It then
also gets its own view of the file system (a mount namespace): a directory on the way to the
code that the worker user could not pass (``/root`` when Python or the checkout lives there)
is replaced by an empty one holding only the code, and the hub's data directories (`hide`)
by empty ones. Its environment is built from nothing: the search path for code, a few
display and numeric-library settings and its own temporary home — no database address, secret
key or credential of the process that starts it.
"""

from __future__ import annotations

import ctypes
import os
import pwd
import resource
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from nairl.robotics.harness.policies import PolicyLoadError

WORKER_USER_VARIABLE = "NAIRL_ROBOTICS_WORKER_USER"
DEFAULT_WORKER_USER = "nairl-worker"
FALLBACK_WORKER_USER = "nobody"
SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin"
# Settings a worker may inherit (rendering back-end, CPU quirks of OpenBLAS); nothing else is.
INHERITED = (
    "LANG",
    "LC_ALL",
    "TZ",
    "MUJOCO_GL",
    "PYOPENGL_PLATFORM",
    "MUJOCO_EGL_DEVICE_ID",
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
)
# Parallelism comes from workers; BLAS threads inside each would fight over the cores.
ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
MAX_OPEN_FILES = 1024
MAX_FILE_BYTES = 1 << 30  # a worker writes nothing but its own caches
HIDDEN_VARIABLE = "NAIRL_VAR_DIR"  # the hub's data directory, hidden when set

_hidden: set[str] = set()
_libc = ctypes.CDLL(None, use_errno=True)  # loaded here: the child calls it between fork and exec
CLONE_NEWNS, MS_NOSUID, MS_NODEV, MS_BIND, MS_REC, MS_PRIVATE = 0x20000, 2, 4, 4096, 16384, 1 << 18


def hide(path: str | os.PathLike) -> None:
    """Hide a directory from workers (the hub's database, uploads, model files)."""
    _hidden.add(os.path.realpath(path))


def worker_account() -> pwd.struct_passwd | None:
    """The account workers run as: None (the caller's own) unless the harness runs as root."""
    if os.geteuid() != 0:
        return None
    for name in (os.environ.get(WORKER_USER_VARIABLE) or DEFAULT_WORKER_USER, FALLBACK_WORKER_USER):
        try:
            account = pwd.getpwnam(name)
        except KeyError:
            continue
        if account.pw_uid != 0:
            return account
    raise PolicyLoadError(
        "policy workers never run as root, and no unprivileged user was found: create "
        f"{DEFAULT_WORKER_USER} (`make setup` does) or set {WORKER_USER_VARIABLE}"
    )


def worker_environment(home: str) -> dict[str, str]:
    """A worker's whole environment: built from scratch, never copied from this process."""
    env = {name: os.environ[name] for name in INHERITED if name in os.environ}
    env.update({name: os.environ.get(name, "1") for name in ONE_THREAD})
    env.setdefault("LANG", "C.UTF-8")
    env.update(
        PATH=SYSTEM_PATH,
        HOME=home,
        TMPDIR=home,
        XDG_CACHE_HOME=home,
        MPLCONFIGDIR=home,
        # The worker imports exactly the code this process sees (source trees, test helpers).
        PYTHONPATH=os.pathsep.join(p for p in sys.path if p),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _passable(directory: str, account: pwd.struct_passwd) -> bool:
    """Whether the account may pass through `directory` (mode bits; root owns the others)."""
    info = os.stat(directory)
    if info.st_uid == account.pw_uid:
        return bool(info.st_mode & 0o100)
    if info.st_gid == account.pw_gid:
        return bool(info.st_mode & 0o010)
    return bool(info.st_mode & 0o001)


def _blocking_ancestor(path: str, account: pwd.struct_passwd) -> str | None:
    """The first directory on the way to `path` that the account may not pass, if any."""
    current = os.sep
    for part in Path(path).parts[1:]:
        if not _passable(current, account):
            return current
        current = os.path.join(current, part)
    return None


def _outermost(paths: set[str]) -> list[str]:
    """The paths none of whose ancestors is in the set."""
    return sorted(p for p in paths if not any(p.startswith(q + os.sep) for q in paths if q != p))


@dataclass(frozen=True)
class MountPlan:
    """Directories replaced by empty ones (`masked`, then `hidden`) and code bound back in."""

    masked: tuple[str, ...] = ()
    bound: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()

    @classmethod
    def for_account(cls, account: pwd.struct_passwd) -> MountPlan:
        code = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, *sys.path) if p}
        code = {p for p in code if os.path.isdir(p)}
        masked = {b for p in code if (b := _blocking_ancestor(p, account)) is not None}
        bound = {p for p in code if _inside(p, masked) and p not in masked}
        hidden = {os.path.realpath(p) for p in (*_hidden, os.environ.get(HIDDEN_VARIABLE)) if p}
        # A directory under a masked one is gone already (and cannot be mounted over: it no
        # longer exists), unless code bound back in brings it back.
        hidden = {p for p in hidden if not _inside(p, masked) or _inside(p, bound)}
        return cls(
            tuple(_outermost(masked)),
            tuple(_outermost(bound)),
            tuple(sorted(p for p in hidden if os.path.isdir(p))),
        )


def _inside(path: str, roots) -> bool:
    return any(path == root or path.startswith(root + os.sep) for root in roots)


def _mount(source: str, target: str, kind: str | None, flags: int, data: str | None) -> None:
    encoded = [None if v is None else v.encode() for v in (source, target, kind, data)]
    if _libc.mount(encoded[0], encoded[1], encoded[2], flags, encoded[3]) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"mount {target}: {os.strerror(error)}")


def _empty(directory: str) -> None:
    _mount("tmpfs", directory, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m")


def _apply_mounts(plan: MountPlan) -> None:
    if _libc.unshare(CLONE_NEWNS) != 0:
        return  # no namespaces here (a restricted container): file permissions alone apply
    _mount("none", "/", None, MS_REC | MS_PRIVATE, None)
    # Bind sources are opened before their parents are covered, then bound back by descriptor.
    sources = {path: os.open(path, os.O_PATH) for path in plan.bound}
    for directory in plan.masked:
        _empty(directory)
    private = os.umask(0o022)  # the way to the code must be passable
    for path, descriptor in sources.items():
        os.makedirs(path, exist_ok=True)
        _mount(f"/proc/self/fd/{descriptor}", path, None, MS_BIND | MS_REC, None)
        os.close(descriptor)
    os.umask(private)
    for directory in plan.hidden:
        _empty(directory)


def _enter(memory_mb: int, account: pwd.struct_passwd | None, plan: MountPlan | None) -> None:
    """Runs in the child between fork and exec: mounts, limits, then the change of user."""
    if plan is not None:
        _apply_mounts(plan)
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_FILE_BYTES, MAX_FILE_BYTES))
    resource.setrlimit(resource.RLIMIT_NOFILE, (MAX_OPEN_FILES, MAX_OPEN_FILES))
    if account is not None:
        os.setgroups([])
        os.setgid(account.pw_gid)
        os.setuid(account.pw_uid)


class SandboxedProcess:
    """``python -m MODULE`` in the sandbox, talking over its standard input and output."""

    def __init__(self, module: str, memory_mb: int) -> None:
        account = worker_account()
        plan = MountPlan.for_account(account) if account is not None else None
        self.home = tempfile.mkdtemp(prefix="nairl-worker-")
        if account is not None:
            os.chown(self.home, account.pw_uid, account.pw_gid)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", module],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=worker_environment(self.home),
                cwd=self.home,
                umask=0o077,
                start_new_session=True,  # its own process group: killing it reaps its children
                preexec_fn=partial(_enter, memory_mb, account, plan),
            )
        except (OSError, subprocess.SubprocessError) as exc:
            self.remove_home()
            raise PolicyLoadError(
                f"cannot start a policy worker ({type(exc).__name__}); "
                "see the server's log for details"
            ) from exc

    def remove_home(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)
