"""The evidence pack's provider registry (docs/design/improvement.md §4.2): providers in the pack's order, a
reloaded app replacing its own, and a block refusing a verdict the design does not name."""

import pytest

from triangulate.improvement.evidence import registry


class Stub:
    def __init__(self, key):
        self.key, self.title = key, key.title()

    def block(self, scope, user):
        return registry.Block(source=self.key, title=self.title, verdict="none", basis="")

    def signals(self, scope):
        return []


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(registry, "_providers", {})
    return registry


def test_providers_come_in_the_packs_order_then_by_key(clean_registry):
    for key in ("findings", "zeta", "practice", "alpha", "performance", "audits"):
        clean_registry.register(Stub(key))
    assert [p.key for p in clean_registry.providers()] == [
        "performance", "audits", "practice", "findings", "alpha", "zeta"]


def test_registering_a_key_again_replaces_the_earlier_provider(clean_registry):
    first, second = Stub("audits"), Stub("audits")
    clean_registry.register(first)
    clean_registry.register(second)
    assert clean_registry.providers() == [second]


def test_a_block_takes_only_the_four_verdicts():
    assert registry.Block(source="audits", title="Case file audits", verdict="mixed", basis="55%").verdict == "mixed"
    with pytest.raises(ValueError, match="verdict"):
        registry.Block(source="audits", title="Case file audits", verdict="good", basis="")
