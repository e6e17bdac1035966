"""The original / translation / both toggle and the timeline of stages (helpers.bilingual)."""

import html

import pytest

from helpers import bilingual, sources
from helpers.errors import CourseError, UnknownNameError

UA = "02-ua-leasing"
EN = "02-rec-tenants"


def ua_ids():
    ex = sources.list_excerpts("ua_nep")
    return list(ex["id"])


def test_every_mode_of_every_ukrainian_excerpt_shows_the_right_texts():
    assert ua_ids(), "the course quotes the Ukrainian source"
    for eid in ua_ids():
        e = sources.excerpt(eid)
        original, translation = html.escape(e["text"].strip()), html.escape(e["translation"].strip())
        out = {m: bilingual.render(eid, m) for m in bilingual.MODES}
        assert original[:40] in out["original"] and translation[:40] not in out["original"]
        assert translation[:40] in out["translation"] and original[:40] not in out["translation"]
        assert original[:40] in out["both"] and translation[:40] in out["both"]
        assert 'lang="uk"' in out["both"] and 'lang="en"' in out["both"]
        assert out["both"].index(original[:40]) < out["both"].index(translation[:40])  # original on the left


def test_plain_text_follows_the_mode():
    e = sources.excerpt(UA)
    both = bilingual.plain_text(UA)
    assert "Original (Ukrainian):" in both and "Translation (the course's own):" in both
    assert "5200" in both and e["source"] in both
    assert "Translation (the course" not in bilingual.plain_text(UA, "original")
    assert "Original (Ukrainian)" not in bilingual.plain_text(UA, "translation")
    assert max(len(line) for line in both.splitlines()) <= bilingual.WRAP + 2


def test_english_excerpts_are_shown_as_written_in_every_mode():
    text = html.escape(sources.excerpt(EN)["text"])
    for m in bilingual.MODES:
        out = bilingual.render(EN, m)
        assert text[:60] in out and "no translation needed" in out
        assert "As written (English)" in bilingual.plain_text(EN, m)


def test_text_is_escaped(monkeypatch):
    fake = {
        "id": "x",
        "source": "ua_nep",
        "title": "<b>t</b>",
        "text": "<script>alert(1)</script>",
        "translation": "A & B <i>",
        "note": '"quoted"',
    }
    monkeypatch.setattr(bilingual.sources, "excerpt", lambda i: dict(fake))
    out = bilingual.render("x", "both")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "A &amp; B &lt;i&gt;" in out and "&lt;b&gt;t&lt;/b&gt;" in out and "&quot;quoted&quot;" in out


def test_bad_names_say_what_is_allowed():
    with pytest.raises(UnknownNameError, match="original"):
        bilingual.render(UA, "bilingual")
    with pytest.raises(UnknownNameError, match="excerpt id"):
        bilingual.render("02-ua-nonexistent", "both")
    with pytest.raises(CourseError):
        bilingual.toggle()


def test_toggle_widget_sweeps_every_mode_and_refuses_bad_ones():
    t = bilingual.toggle(UA, "02-ua-order")
    assert t.mode == "both" and t.output.value == t.html
    for m in bilingual.MODES:
        t.buttons.value = m  # as a click would
        assert t.mode == m and t.output.value == bilingual.render_many([UA, "02-ua-order"], m)
        assert t.set(m) and t.output.value == t.html and t.message == ""
    assert t.set("translation") and t.buttons.value == "translation"
    assert not t.set("latin") and "original" in t.message and t.mode == "translation"
    assert "latin" in t.message_html.value and "<script" not in t.message_html.value
    bundle = t._repr_mimebundle_()
    assert "Original (Ukrainian)" in bundle["text/plain"] and "nep-excerpt" in bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert t.has_translation and t.buttons.layout.display != "none"
    assert {"nep-view", "nep-toggle"} <= set(t.widget._dom_classes)
    assert (
        t.set(mode="original")
        and t.mode == "original"
        and not t.set(colour="red")
        and "no control 'colour'" in t.message
    )


def test_toggle_of_english_passages_hides_the_buttons():
    t = bilingual.toggle(EN, "02-rec-lease-decree")
    assert not t.has_translation and t.buttons.layout.display == "none"
    assert "As written (English)" in t.text and "no translation needed" in t.html


STAGES = [
    bilingual.Stage(
        "before NEP",
        plans="the glavki",
        supplies="the glavki",
        sells="nobody",
        manages="the glavki",
        passages=("02-ua-glavki",),
    ),
    bilingual.Stage(
        "autumn 1921",
        plans="",
        supplies="the trust",
        sells="the trust",
        manages="the trust",
        passages=("02-ua-trusts-1921", "02-ind-trusts-1927"),
        note="<b>trusts</b> & syndicates",
    ),
    bilingual.Stage(
        "1929", plans="associations", supplies="associations", sells="associations", manages="the enterprise"
    ),
]


def test_stage_html_marks_changes_and_renders_passages_in_the_mode():
    first = bilingual.stage_html(STAGES, 0, "translation")
    assert "Stage 1 of 3: before NEP" in first and "(changed)" not in first
    second = bilingual.stage_html(STAGES, "autumn 1921", "original")
    assert second.count("(changed)") == 4  # plans became 'not stated'; the other three changed
    assert "not stated in the passages" in second and "&lt;b&gt;trusts&lt;/b&gt; &amp; syndicates" in second
    assert sources.excerpt("02-ua-trusts-1921")["text"][:30] in second
    assert sources.excerpt("02-ua-trusts-1921")["translation"][:30] not in second
    assert "No passage quoted" in bilingual.stage_html(STAGES, 2)
    assert "(changed)" in bilingual.stage_text(STAGES, 2) and "Passages: 02-ua-glavki" in bilingual.stage_text(
        STAGES, 0
    )


def test_overview_lists_every_stage_and_role():
    out = bilingual.overview_html(STAGES)
    for s in STAGES:
        assert html.escape(s.label) in out
    for _, heading in bilingual.ROLES:
        assert html.escape(heading) in out
    text = bilingual.overview_text(STAGES)
    assert text.count("Stage ") == 3 and "Who manages the enterprise? the enterprise" in text


def test_bad_stages_are_refused():
    with pytest.raises(CourseError):
        bilingual.stage_html([], 0)
    with pytest.raises(CourseError, match="differ"):
        bilingual.stage_html([STAGES[0], STAGES[0]], 0)
    with pytest.raises(UnknownNameError):
        bilingual.stage_html([bilingual.Stage("x", passages=("02-nope",))], 0)
    with pytest.raises(CourseError, match="does not exist"):
        bilingual.stage_html(STAGES, 3)
    with pytest.raises(UnknownNameError, match="Valid choices"):
        bilingual.stage_html(STAGES, "1930")


def test_timeline_widget_steps_through_every_stage_and_mode():
    tl = bilingual.timeline(STAGES)
    assert tl.state == {"step": "before NEP", "mode": "translation"} and tl.prev_button.disabled
    menu, buttons = tl.controls["step"].widget, tl.controls["mode"].widget
    assert {"nep-view", "nep-timeline"} <= set(tl.widget._dom_classes) and menu.description == "Stage"
    for i, s in enumerate(STAGES):
        for m in bilingual.MODES:
            menu.value = s.label  # as the stage menu would
            buttons.value = m
            assert tl.state == {"step": s.label, "mode": m}
            assert tl.output.value == bilingual.stage_html(STAGES, i, m)
    assert tl.next_button.disabled
    tl.prev_button.click()
    assert tl.state["step"] == "autumn 1921" and menu.value == "autumn 1921"
    tl.next_button.click()
    tl.next_button.click()  # stays on the last stage
    assert tl.state["step"] == "1929"
    assert not tl.set(step=7) and "does not exist" in tl.message and tl.state["step"] == "1929"
    assert not tl.set(mode="latin") and tl.state["mode"] == bilingual.MODES[-1]
    assert tl.set(step=0, mode="both") and tl.message == "" and menu.value == "before NEP"
    bundle = tl._repr_mimebundle_()
    assert "nep-timeline" in bundle["text/html"] and "Stage 3 of 3: 1929" in bundle["text/plain"]


def test_a_declared_timeline_gives_its_stages_and_a_view(data_copy):
    from helpers.data.paths import read_declarations
    from helpers.ui import bilingual as T

    read_declarations.cache_clear()
    try:
        for tid, spec in T.declared().items():
            stages = T.stages(tid)
            assert [s.label for s in stages] == [str(st["label"]) for st in spec["stages"]]
            view = bilingual.timeline(tid)
            assert view.title == spec.get("title", "") and view.state["step"] == stages[0].label
            assert view.plain_text().startswith(view.title) and view.error is None
        (data_copy / "timelines" / "zz_bad.yml").write_text(
            "zz-bad:\n  stages:\n  - label: one\n    who: nobody\n", encoding="utf-8"
        )
        read_declarations.cache_clear()
        with pytest.raises(CourseError, match=r"zz_bad.yml: zz-bad, stages, 0: .*'who' was unexpected"):
            bilingual.timeline("zz-bad")
    finally:
        read_declarations.cache_clear()
