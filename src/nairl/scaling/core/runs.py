"""Training runs: loading, column mapping and validation.

A run is one trained model: parameters N, training tokens or samples D, compute C, optionally
unique data U_D / unique parameters U_N and epochs, a measured value (loss or error) and a
method/group label. ``Runs`` holds them as aligned numpy arrays; ``load_runs`` builds one from a
CSV or JSON file or a pandas DataFrame, through an explicit column mapping, and refuses anything
it cannot trust with a ``ScalingInputError`` naming the row and column.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DuplicateRunError, InvalidValueError, MissingColumnError, ScalingInputError

#: Numeric fields a run can carry, with the words used in messages.
NUMERIC_FIELDS: dict[str, str] = {
    "n": "model parameters N",
    "d": "training tokens/samples D",
    "c": "compute C",
    "unique_n": "unique parameters U_N",
    "unique_d": "unique data U_D",
    "epochs": "epochs",
    "value": "metric value",
}
#: Read from a table but not kept: tokens per parameter M, an alternative to D (D = M·N).
DERIVING_FIELDS: dict[str, str] = {"m": "tokens per parameter M"}
#: Keys accepted in a column mapping; 'loss' and 'error' both name the value and set the metric.
MAPPING_KEYS = (*NUMERIC_FIELDS, *DERIVING_FIELDS, "loss", "error", "group")
#: Column names recognised when no mapping is given (compared case-insensitively).
DEFAULT_ALIASES: dict[str, tuple[str, ...]] = {
    "n": ("n", "params", "parameters", "model size"),
    "d": ("d", "tokens", "data", "samples", "seen examples"),
    "c": ("c", "compute", "flops", "training flop"),
    "unique_n": ("unique_n",),
    "unique_d": ("unique_d", "unique tokens", "unique data"),
    "epochs": ("epochs",),
    "m": ("m", "tokens per parameter", "tokens_per_param"),
    "loss": ("loss", "value"),
    "error": ("error",),
    "group": ("group", "method"),
}
FLOPS_PER_PARAM_TOKEN = 6.0  # C = 6 N D (forward + backward pass)


@dataclass(frozen=True)
class Runs:
    """Validated training runs as aligned arrays (missing fields are ``None``)."""

    value: np.ndarray
    n: np.ndarray | None = None
    d: np.ndarray | None = None
    c: np.ndarray | None = None
    unique_n: np.ndarray | None = None
    unique_d: np.ndarray | None = None
    epochs: np.ndarray | None = None
    group: np.ndarray | None = None
    metric: str = "loss"
    rows: np.ndarray = field(default=None)  # 1-based row numbers in the source, for messages
    columns: Mapping[str, str] = field(default_factory=dict)  # field -> source column

    def __post_init__(self) -> None:
        if self.rows is None:
            object.__setattr__(self, "rows", np.arange(1, len(self.value) + 1))

    def __len__(self) -> int:
        return len(self.value)

    def has(self, name: str) -> bool:
        return getattr(self, name) is not None

    def inputs(self, names: Sequence[str], law_name: str = "this law") -> dict[str, np.ndarray]:
        """The arrays a law needs, or a clear error naming the missing field."""
        missing = [name for name in names if not self.has(name)]
        if missing:
            words = ", ".join(NUMERIC_FIELDS[name] for name in missing)
            hint = ", ".join(f"{name}=<column>" for name in missing)
            raise MissingColumnError(
                f"law '{law_name}' needs {words}, which the runs do not have "
                f"(map a column with {hint})"
            )
        return {name: getattr(self, name) for name in names}

    def subset(self, index: np.ndarray | Sequence[int] | slice) -> Runs:
        """The runs at ``index`` (integer positions or a boolean mask)."""
        arrays = {
            name: (None if getattr(self, name) is None else getattr(self, name)[index])
            for name in (*NUMERIC_FIELDS, "group", "rows")
        }
        return replace(self, **arrays)

    def drop_highest(self, k: int) -> Runs:
        """Drop the ``k`` runs with the highest metric value (e.g. unconverged small runs)."""
        if k < 0:
            raise ScalingInputError(f"cannot drop a negative number of runs ({k})")
        if k >= len(self):
            raise ScalingInputError(f"cannot drop {k} of {len(self)} runs: none would be left")
        keep = np.sort(np.argsort(self.value, kind="stable")[: len(self) - k])
        return self.subset(keep)

    def groups(self) -> list[str]:
        return [] if self.group is None else list(dict.fromkeys(self.group.tolist()))

    def of_group(self, label: str) -> Runs:
        if self.group is None or label not in self.groups():
            raise ScalingInputError(f"no runs in group '{label}' (groups: {self.groups()})")
        return self.subset(self.group == label)

    def to_frame(self) -> pd.DataFrame:
        data = {name: getattr(self, name) for name in (*NUMERIC_FIELDS, "group")}
        frame = pd.DataFrame({k: v for k, v in data.items() if v is not None})
        frame.index = pd.Index(self.rows, name="row")
        return frame.rename(columns={"value": self.metric})


def parse_column_mapping(text: str) -> dict[str, str]:
    """Parse ``"n=Model Size,c=Training FLOP,loss=loss"`` into a mapping field -> column."""
    mapping: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, sep, column = item.partition("=")
        key, column = key.strip().lower(), column.strip()
        if not sep or not column:
            raise ScalingInputError(f"column mapping item '{item}' is not of the form key=column")
        if key not in MAPPING_KEYS:
            raise ScalingInputError(
                f"unknown column mapping key '{key}' (known: {', '.join(MAPPING_KEYS)})"
            )
        mapping[key] = column
    return mapping


def load_runs(
    source: str | Path | pd.DataFrame,
    columns: Mapping[str, str] | str | None = None,
    *,
    group: str | None = None,
    compute_from_nd: bool = True,
) -> Runs:
    """Load and validate runs from a CSV/JSON path or a DataFrame.

    ``columns`` maps run fields (``n, d, c, unique_n, unique_d, epochs, m, loss|error, group``)
    to column names; without it, common names are recognised. ``group`` labels every run when
    the table has no group column. D comes from tokens per parameter M as M·N; C defaults to
    6·N·D and D to C/(6·N) when one is missing.
    """
    frame = source if isinstance(source, pd.DataFrame) else read_table(source)
    mapping = parse_column_mapping(columns) if isinstance(columns, str) else columns
    return runs_from_frame(frame, mapping, group=group, compute_from_nd=compute_from_nd)


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV or JSON (list of records, or ``{"runs": [...]}``) file into a DataFrame."""
    path = Path(path)
    if not path.is_file():
        raise ScalingInputError(f"file not found: {path}")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return pd.read_csv(path)
        if suffix == ".json":
            records = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(records, dict) and "runs" in records:
                records = records["runs"]
            if not isinstance(records, list):
                raise ScalingInputError(f'{path}: expected a list of runs or {{"runs": [...]}}')
            return pd.DataFrame.from_records(records)
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        if isinstance(exc, ScalingInputError):
            raise
        raise ScalingInputError(f"{path}: cannot be read ({exc})") from exc
    raise ScalingInputError(f"{path}: unsupported file type '{suffix}' (use .csv or .json)")


def runs_from_frame(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    *,
    group: str | None = None,
    compute_from_nd: bool = True,
) -> Runs:
    """Validate a DataFrame through the column mapping and build ``Runs``."""
    if len(frame) == 0:
        raise ScalingInputError("the table has no rows")
    mapping = dict(columns) if columns else _guess_mapping(frame)
    unknown = set(mapping) - set(MAPPING_KEYS)
    if unknown:
        raise ScalingInputError(f"unknown column mapping keys: {', '.join(sorted(unknown))}")
    metric = "error" if "error" in mapping else "loss"
    if "loss" in mapping and "error" in mapping:
        raise ScalingInputError("map either loss= or error=, not both")
    if "value" in mapping and ({"loss", "error"} & set(mapping)):
        raise ScalingInputError("map the metric once, as loss= or error=")
    value_column = mapping.pop("loss", None) or mapping.pop("error", None)
    if value_column is not None:
        mapping["value"] = value_column
    if "value" not in mapping:
        raise MissingColumnError(
            "no metric column: map one with loss=<column> or error=<column> "
            f"(columns: {', '.join(map(str, frame.columns))})"
        )
    for key, column in mapping.items():
        if column not in frame.columns:
            raise MissingColumnError(
                f"column '{column}' (for {key}) is not in the table "
                f"(columns: {', '.join(map(str, frame.columns))})"
            )

    rows = np.arange(1, len(frame) + 1)
    arrays = {
        key: _positive_column(frame, column, key, rows)
        for key, column in mapping.items()
        if key in NUMERIC_FIELDS or key in DERIVING_FIELDS
    }
    labels = None
    if "group" in mapping:
        labels = frame[mapping["group"]].astype(str).to_numpy()
    elif group is not None:
        labels = np.full(len(frame), group, dtype=object)
    arrays = _derive_missing(arrays, rows, compute_from_nd)
    runs = Runs(**arrays, group=labels, metric=metric, rows=rows, columns=mapping)
    _check_duplicates(runs)
    return runs


def _guess_mapping(frame: pd.DataFrame) -> dict[str, str]:
    lowered = {str(column).strip().lower(): column for column in frame.columns}
    mapping = {}
    for key, aliases in DEFAULT_ALIASES.items():
        for alias in aliases:
            if alias in lowered:
                mapping[key] = lowered[alias]
                break
    return mapping


def _positive_column(frame: pd.DataFrame, column: str, key: str, rows: np.ndarray) -> np.ndarray:
    """The column as float64, refusing missing, non-numeric, infinite or non-positive values."""
    raw = frame[column]
    values = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
    checks = (
        (np.isnan(values), "is missing or not a number", "missing"),
        (np.isinf(values), "is infinite", "infinite"),
        (values <= 0, "is not positive", "not_positive"),
    )
    for bad, why, reason in checks:
        if bad.any():
            first = int(np.flatnonzero(bad)[0])
            more = int(bad.sum()) - 1
            tail = f" (and {more} more row{'s' if more > 1 else ''})" if more else ""
            shown = raw.iloc[first]
            shown = shown.item() if hasattr(shown, "item") else shown  # -0.5, not np.float64(-0.5)
            raise InvalidValueError(
                f"row {rows[first]}, column '{column}' "
                f"({NUMERIC_FIELDS.get(key) or DERIVING_FIELDS[key]}): "
                f"value {shown!r} {why}{tail}",
                rows=(int(rows[first]),),
                column=str(column),
                reason=reason,
            )
    return values


def _derive_missing(
    arrays: dict[str, np.ndarray], rows: np.ndarray, compute_from_nd: bool
) -> dict[str, np.ndarray]:
    """Fill D = M·N, C = 6ND (or D, N from C) and U_D / epochs from each other where one is
    known."""
    if "m" in arrays:
        _tokens_from_multiplier(arrays)
    n, d, c = arrays.get("n"), arrays.get("d"), arrays.get("c")
    if c is None and n is not None and d is not None and compute_from_nd:
        arrays["c"] = FLOPS_PER_PARAM_TOKEN * n * d
    elif d is None and n is not None and c is not None:
        arrays["d"] = c / (FLOPS_PER_PARAM_TOKEN * n)
    elif n is None and d is not None and c is not None:
        arrays["n"] = c / (FLOPS_PER_PARAM_TOKEN * d)
    d = arrays.get("d")
    unique_d, epochs = arrays.get("unique_d"), arrays.get("epochs")
    if d is not None and unique_d is None and epochs is not None:
        arrays["unique_d"] = d / epochs
    elif d is not None and unique_d is not None and epochs is None:
        arrays["epochs"] = d / unique_d
    if d is not None and arrays.get("unique_d") is not None:
        over = arrays["unique_d"] > d * (1 + 1e-9)
        if over.any():
            first = int(np.flatnonzero(over)[0])
            raise InvalidValueError(
                f"row {rows[first]}: unique data U_D={arrays['unique_d'][first]:.4g} exceeds "
                f"training data D={d[first]:.4g}",
                rows=(int(rows[first]),),
                column="unique_d",
                reason="exceeds",
            )
    return arrays


def _tokens_from_multiplier(arrays: dict[str, np.ndarray]) -> None:
    """D = M·N in place of the column M; M with D would say the same thing twice, and M without
    N says nothing about D."""
    if "d" in arrays:
        raise ScalingInputError(
            "map either training tokens D or tokens per parameter M, not both",
            column="m",
            reason="m_and_d",
        )
    if "n" not in arrays:
        raise MissingColumnError(
            "tokens per parameter M needs model parameters N (map a column with n=<column>)",
            column="m",
            reason="m_without_n",
        )
    arrays["d"] = arrays.pop("m") * arrays["n"]


def _check_duplicates(runs: Runs) -> None:
    keys = [name for name in ("n", "d", "c", "unique_n", "unique_d") if runs.has(name)]
    if not keys:
        return
    frame = pd.DataFrame({name: getattr(runs, name) for name in keys})
    if runs.group is not None:
        frame["group"] = runs.group
    duplicated = frame.duplicated(keep=False).to_numpy()
    if duplicated.any():
        first = int(np.flatnonzero(duplicated)[0])
        same = frame.eq(frame.iloc[first]).all(axis=1).to_numpy()
        clash = runs.rows[same]
        described = ", ".join(f"{name}={getattr(runs, name)[first]:.6g}" for name in keys)
        raise DuplicateRunError(
            f"rows {', '.join(map(str, clash))} describe the same run ({described}); "
            "remove or merge them",
            rows=tuple(int(row) for row in clash),
            reason="duplicate",
        )
