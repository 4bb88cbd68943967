"""Private files live outside static and media folders, under random names, and are served
only as downloads that browsers never run."""

import pytest

from nairl.common import private_files


def test_stored_outside_public_folders_under_a_token(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    name = private_files.store("area", b"secret")
    path = tmp_path / "private" / "area" / name
    assert path.read_bytes() == b"secret" and name.isalnum() and len(name) == 32
    for public in (settings.STATIC_ROOT, settings.MEDIA_ROOT):
        assert not str(path).startswith(str(public))
    assert private_files.read("area", name) == b"secret"
    private_files.remove("area", name)
    assert not path.exists()


def test_a_path_is_never_a_stored_name(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    with pytest.raises(FileNotFoundError):
        private_files.read("area", "../../etc/passwd")


def test_downloads_are_attachments_that_cannot_run():
    response = private_files.download(b"<script>", 'cv "파일".pdf', "application/pdf")
    assert response["Content-Disposition"].startswith('attachment; filename="cv')
    assert (
        response["X-Content-Type-Options"] == "nosniff"
        and "sandbox" in response["Content-Security-Policy"]
    )
