"""The hub's msgpack encoding is openpi's: each side decodes what the other encodes."""

import msgpack
import numpy as np
import pytest
from openpi_client import msgpack_numpy

from nairl.robotics.harness import wire

OBSERVATION = {
    "observation/state": np.linspace(-1, 1, 39).astype(np.float32),
    "observation/image": np.arange(64 * 64 * 3, dtype=np.uint8).reshape(64, 64, 3),
    "observation/task_onehot": np.eye(10, dtype=np.float32)[3],
    "prompt": "open the drawer",
    "nairl/task": {"seed": 10000, "name": None, "shape": [4], "step": np.int64(7)},
    "flag": np.bool_(True),
}


def assert_same(decoded, original):
    assert decoded.keys() == original.keys()
    for key, value in original.items():
        if isinstance(value, np.ndarray | np.generic):
            assert decoded[key].dtype == value.dtype and np.array_equal(decoded[key], value)
        elif isinstance(value, dict):
            assert_same(decoded[key], value)
        else:
            assert decoded[key] == value


def test_openpi_decodes_what_the_hub_encodes():
    assert_same(msgpack_numpy.unpackb(wire.pack(OBSERVATION)), OBSERVATION)


def test_the_hub_decodes_what_openpi_encodes():
    assert_same(wire.unpack(msgpack_numpy.packb(OBSERVATION), 1 << 20), OBSERVATION)
    answer = {"actions": np.zeros((10, 4), dtype=np.float32), "server_timing": {"infer_ms": 3.5}}
    decoded = wire.unpack(msgpack_numpy.Packer().pack(answer), 1 << 20)
    assert decoded["actions"].shape == (10, 4) and decoded["server_timing"]["infer_ms"] == 3.5


def array(dtype, shape, data):
    return {b"__ndarray__": True, b"data": data, b"dtype": dtype, b"shape": shape}


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        (b"\xc1", "not a msgpack message"),
        (b"\x93\x01", "not a msgpack message"),  # a list of 3 with one element
        (msgpack.packb(array("|O", [1], b"\0" * 8)), "dtype object is not numeric"),
        (msgpack.packb(array("<V8", [1], b"\0" * 8)), "is not numeric"),
        (msgpack.packb(array("<f4", [2, 2], b"\0" * 4)), "does not match its 4 bytes"),
        (msgpack.packb(array("<f4", [-1], b"")), "invalid array shape"),
        (msgpack.packb(array("<f4", [1] * 9, b"\0" * 4)), "invalid array shape"),
        (msgpack.packb(array("no such dtype", [1], b"\0")), "unknown dtype"),
        (msgpack.packb({b"__npgeneric__": True, b"data": "x", b"dtype": "<f8"}), "invalid float64"),
        (b"\x00" * 2000, "over the 1000-byte limit"),
    ],
)
def test_garbage_is_refused_with_a_reason(message, problem):
    with pytest.raises(wire.WireError, match=problem):
        wire.unpack(message, 1000)


def test_objects_that_are_not_data_are_not_sent():
    with pytest.raises(TypeError):
        wire.pack({"callable": print})
    with pytest.raises(TypeError, match="dtype object"):
        wire.pack(np.array([print], dtype=object))
