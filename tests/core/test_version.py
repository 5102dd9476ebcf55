"""``cwkg --version`` says the installed version, the one pyproject.toml declares."""

from importlib.metadata import version

from cwkg import __version__
from cwkg.cli import main


def test_version_option_prints_the_package_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"cwkg {version('cwkg')}\n"
    assert __version__ == version("cwkg")
