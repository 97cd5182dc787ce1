import analysis


def test_every_public_name_resolves():
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None


def test_all_is_sorted():
    assert analysis.__all__ == sorted(analysis.__all__)


def test_no_public_name_shadows_a_submodule():
    from pathlib import Path

    modules = {p.stem for p in Path(analysis.__file__).parent.glob("*.py")}
    assert not set(analysis.__all__) & modules
