import analysis


def test_every_public_name_resolves():
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None


def test_all_is_sorted():
    assert analysis.__all__ == sorted(analysis.__all__)
