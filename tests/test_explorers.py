"""helpers.explorers: every control value of every explorer, through set() and through the widgets."""

import html
import math

import pytest

from helpers import claims, disagreements, vocabulary
from helpers import explorers as E
from helpers.ui import claim_explorer, explorer
from helpers.ui import html as ui_html


@pytest.fixture(scope="module")
def dis():
    return E.disagreement_explorer()


@pytest.fixture(scope="module")
def clm():
    return E.claim_explorer()


@pytest.fixture(scope="module")
def voc():
    return E.vocabulary_explorer()


@pytest.fixture(scope="module")
def dat():
    return E.dating_explorer()


@pytest.mark.slow
def test_disagreement_sweep(dis):
    n_all = len(disagreements.find())
    for show in dis.options("show"):
        assert dis.set(show=show), dis.message
        n = len(dis.options("pair"))
        assert n == (n_all if show == "all" else len(disagreements.find(explanation=show)))
        for i in range(n):
            assert dis.set(pair=i) and dis.error is None, dis.last_traceback
            r = dis.current
            assert set(dis.plotted.values()) == {r["common_a"], r["common_b"]}
            assert r["id_a"] in dis.text and r["id_b"] in dis.text
            shown = dis.detail_html.value.replace("<mark>", "").replace("</mark>", "")
            assert html.escape(r["quote_a"]) in shown and html.escape(r["quote_b"]) in shown
    for v in E.VERDICTS:
        assert dis.set(verdict=v) and dis.error is None


def test_disagreement_pig_iron_and_verdicts(dis):
    dis.set(show="all")
    labels = [lab for lab, _ in dis.controls["pair"].options]
    i = next(k for k, lab in enumerate(labels) if lab.startswith("pig iron output, 1925"))
    dis.set(pair=i, verdict="economic vs calendar year")
    assert dis.plotted == {"su_rec-124 (su_rec)": 1.535, "su_ind-185 (su_ind)": 1.3}
    assert "The rows support it" in dis.detail_text
    dis.set(verdict="rounding")
    assert "Nothing in the two rows points to that" in dis.detail_text


def test_disagreement_bad_values_and_widget_path(dis):
    before = dis.state
    assert not dis.set(pair=999) and "from 0 to" in dis.message and dis.state == before
    assert not dis.set(show="typo") and "not a choice" in dis.message
    assert not dis.set(colour="red") and "no control" in dis.message
    dis.controls["show"].widget.value = "qualifier"  # as a student would
    assert dis.state["show"] == "qualifier" and dis.state["pair"] == 0 and dis.error is None
    dis.controls["pair"].widget.value = 1
    assert dis.current["id_b"] == "su_ind-090"
    with pytest.raises(ValueError):
        E.disagreement_explorer(pair=500)


def test_verdict_feedback():
    assert E.verdict_feedback(E.VERDICTS[0], ("rounding",)) == ""
    assert "support" in E.verdict_feedback("rounding", ("rounding", "different scope"))
    assert "Often the honest answer" in E.verdict_feedback("cannot tell from the rows", ("qualifier",))
    with pytest.raises(ValueError):
        E.verdict_feedback("guess", ())


@pytest.mark.slow
def test_claim_sweep(clm):
    combos = {(src, "all") for src in clm.options("source")} | {("all", k) for k in clm.options("kind")}
    for source, kind in sorted(combos):
        for lf in clm.options("levels_from"):
            assert clm.set(source=source, kind=kind, levels_from=lf, claim=""), clm.message
            assert clm.error is None, clm.last_traceback
            ids = [v for v in clm.options("claim") if v]
            want = claims.check(
                levels_from=lf, source=None if source == "all" else source, kind=None if kind == "all" else kind
            )
            assert ids == list(want.loc[~want["status"].isin(["cannot be checked", "too loose to test"]), "id"])
            assert set(clm.plotted) == set(ids)
    clm.set(source="all", kind="all", levels_from="same", claim="")
    for cid in [v for v in clm.options("claim") if v]:  # every checkable claim
        assert clm.set(claim=cid) and clm.error is None, clm.last_traceback
        assert cid in clm.detail_text


def test_claim_workers_is_drawn_where_it_belongs(clm):
    clm.set(source="su_rec", kind="change_pct", levels_from="same", claim="su_rec-058")
    d = clm.plotted["su_rec-058"]
    assert math.isclose(d, 100 * (1.64 / (2107 / 1185) - 1), abs_tol=1e-3)
    assert "does not hold" in clm.detail_text
    assert "su_rec-058" in clm.detail_text and "workers" in clm.detail_text
    assert not clm.set(claim="su_rec-002") and "not a checkable claim" in clm.message


def test_deviation_of_open_bands():
    r = claims.claim("su_rec-083")  # 'surpassing pre-war levels': over 100%
    stated, lo, hi, rlo, rhi = claim_explorer.deviation(r)
    assert hi == math.inf and rlo <= 0 <= rhi and stated < 0


@pytest.mark.slow
def test_vocabulary_sweep(voc):
    for m in voc.options("measure"):
        for cat in voc.options("category"):
            assert voc.set(measure=m, category=cat) and voc.error is None, voc.last_traceback
            assert set(c for c, _ in voc.plotted) == set(voc.options("concept"))
    voc.set(category="all")
    for concept in voc.options("concept"):
        for src in voc.options("source"):
            assert voc.set(concept=concept, source=src) and voc.error is None
            n = len(vocabulary.passages(concept, src))
            assert f"{n} occurrence(s)" in voc.detail_text
    assert not voc.set(category="distance", concept="capitulators") and "not a term of" in voc.message
    assert voc.set(measure="count", category="all", concept="Trotskyists, Trotskyites", source="su_rec")
    assert voc.plotted[("Trotskyists, Trotskyites", "su_rec")] == 10
    assert voc.plotted[("Trotskyists, Trotskyites", "ua_nep")] == 0


def test_vocabulary_shows_the_course_translation_of_ukrainian_passages(voc):
    voc.set(category="all", concept="'commanding heights'", source="ua_nep")
    assert "Course translation:" in voc.detail_html.value and "(in quotation marks)" in voc.detail_text


def test_dating_sweep(dat):
    for ch in dat.options("chapter"):
        assert dat.set(chapter=ch) and dat.error is None
    dat.set(chapter="su_rec")
    assert dat.plotted["earliest"] == 1938 and dat.plotted["mentions"][1937] == 1
    dat.set(chapter="su_ind")
    assert dat.plotted["earliest"] == 1939 and max(dat.plotted["cited"]) == 1939


def test_static_html_and_escaping():
    v = E.disagreement_explorer()
    bundle = v._repr_mimebundle_()
    assert (
        bundle["text/html"].startswith('<div class="nep-static-view nep-static-explorer"><figure')
        and "Text description" in bundle["text/html"]
    )
    assert "data:image/png;base64," in bundle["text/html"] and v.text in bundle["text/plain"]
    assert bundle["text/plain"].startswith(v.title)
    assert explorer.mark("a <b> & c", "<b>") == "a <mark>&lt;b&gt;</mark> &amp; c"
    assert ui_html.escape("<script>") == "&lt;script&gt;"


@pytest.mark.parametrize("make", [E.disagreement_explorer, E.claim_explorer, E.vocabulary_explorer, E.dating_explorer])
def test_every_explorer_is_a_view_with_hooks_a_data_uri_image_and_named_controls(make):
    v = make()
    assert {"nep-view", "nep-explorer"} <= set(v.widget._dom_classes)
    assert (
        v.image.value.startswith('<img class="nep-chart-img" src="data:image/png;base64,')
        and ' alt="Chart: ' in v.image.value
    )
    assert v.png.startswith(b"\x89PNG") and v.renders >= 1
    assert "nep-textalt" in v.text_html.value and html.escape(v.text) in v.text_html.value
    for name, c in v.controls.items():
        assert c.description and c.widget.description_allow_html is False, name
    seen = []
    v.on_change(lambda view: seen.append(view.state))
    name = next(iter(v.controls))
    other = next(x for x in v.options(name) if x != v.state[name])
    assert v.set(**{name: other}) and seen and seen[-1][name] == other


def test_plotted_is_read_back_from_the_artists(dis, voc, dat):
    dis.set(show="all", pair=0)
    key = next(iter(dis.plotted))
    dis._bars[0].set_width(12345.0)  # what the bar shows is what plotted says, not the data row
    assert dis.plotted[key] == 12345.0
    dis.set(pair=1)
    assert dis.plotted[next(iter(dis.plotted))] != 12345.0
    voc.set(measure="count", category="all")
    visible = [b for s in voc._bars for b in voc._bars[s] if b.get_visible()]
    assert len(voc.plotted) == len(visible) == 3 * len(voc.options("concept"))
    dat.set(chapter="su_rec")
    heights = {int(round(b.get_x() + b.get_width() / 2)): b.get_height() for b in dat._bar_artists}
    assert dat.plotted["mentions"] == heights and dat.plotted["earliest"] == dat._line.get_xdata()[0]
