"""msgpack with numpy arrays, in openpi's encoding: the one format every harness channel speaks.

Remote policy servers (openpi's ``msgpack_numpy``) and the harness's own worker pipes use it.
An array travels as a map ``{b"__ndarray__": True, b"data": bytes, b"dtype": str, b"shape":
list}``, a numpy scalar as ``{b"__npgeneric__": True, b"data": value, b"dtype": str}``.

Decoding is for data from outside: only numeric and boolean dtypes are accepted, shapes must
match the bytes, and no message is larger than the caller's limit. Nothing is ever unpickled.
"""

from __future__ import annotations

from typing import Any

import msgpack
import numpy as np

NUMERIC_KINDS = frozenset("biuf")  # bool, signed, unsigned, float: what observations hold
MAX_DIMENSIONS = 8


class WireError(ValueError):
    """Bytes that are not a valid message (not msgpack, or an array that does not add up)."""


def _pack_numpy(value: Any) -> Any:
    if isinstance(value, np.ndarray | np.generic):
        if value.dtype.kind not in NUMERIC_KINDS:
            raise TypeError(f"cannot send arrays of dtype {value.dtype}")
        if isinstance(value, np.ndarray):
            return {
                b"__ndarray__": True,
                b"data": np.ascontiguousarray(value).tobytes(),
                b"dtype": value.dtype.str,
                b"shape": list(value.shape),
            }
        return {b"__npgeneric__": True, b"data": value.item(), b"dtype": value.dtype.str}
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"cannot send {type(value).__name__}")


def _dtype(text: Any) -> np.dtype:
    if not isinstance(text, str):
        raise WireError("array dtype is not a string")
    try:
        dtype = np.dtype(text)
    except TypeError:
        raise WireError(f"unknown dtype {text[:20]!r}") from None
    if dtype.kind not in NUMERIC_KINDS:
        raise WireError(f"dtype {dtype} is not numeric")
    return dtype


def _unpack_numpy(obj: dict) -> Any:
    if b"__ndarray__" in obj:
        dtype = _dtype(obj.get(b"dtype"))
        shape, data = obj.get(b"shape"), obj.get(b"data")
        if not isinstance(data, bytes) or not isinstance(shape, list | tuple):
            raise WireError("array without bytes or shape")
        if len(shape) > MAX_DIMENSIONS or not all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape
        ):
            raise WireError(f"invalid array shape {list(shape)[: MAX_DIMENSIONS + 1]}")
        if int(np.prod(shape, dtype=object)) * dtype.itemsize != len(data):
            raise WireError(f"array of shape {tuple(shape)} does not match its {len(data)} bytes")
        return np.frombuffer(data, dtype=dtype).reshape(shape)
    if b"__npgeneric__" in obj:
        dtype = _dtype(obj.get(b"dtype"))
        try:
            return dtype.type(obj.get(b"data"))
        except (TypeError, ValueError, OverflowError):
            raise WireError(f"invalid {dtype} scalar") from None
    return obj


def pack(message: Any) -> bytes:
    """Encode maps, lists, strings, numbers, None and numeric numpy arrays or scalars."""
    return msgpack.packb(message, default=_pack_numpy, use_bin_type=True)


def unpack(data: bytes, max_bytes: int) -> Any:
    """Decode one message of at most `max_bytes`; WireError for anything else."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise WireError(f"expected bytes, got {type(data).__name__}")
    if len(data) > max_bytes:
        raise WireError(f"message of {len(data)} bytes is over the {max_bytes}-byte limit")
    try:
        return msgpack.unpackb(data, object_hook=_unpack_numpy, raw=False)
    except WireError:
        raise
    except (ValueError, TypeError, msgpack.UnpackException, RecursionError) as exc:
        raise WireError(f"not a msgpack message ({type(exc).__name__})") from None
