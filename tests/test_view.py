"""The one view base (helpers.ui): state, validated set, guarded refresh that logs, messages, static
fallback, CSS hooks, controls with accessible names, and the HTML pieces every view shares."""

from __future__ import annotations

import logging

import ipywidgets as W
import pytest

from helpers import widgets
from helpers.ui import html as H
from helpers.ui.controls import Control, Invalid
from helpers.ui.view import ImageView, View

EVIL = "<script>alert('x')</script> & <b>"


class Counter(View):
    """A minimal view: one drop-down and one check box; refresh fails on demand."""

    kind = "counter"

    def __init__(self):
        super().__init__()
        self.title = "Counter"
        self.fail = False
        self._add(Control("n", "single", "Number", [("one", 1), ("two", 2), ("three", 3)], 1))
        self._add(Control("loud", "bool", "Loud", [("on", True), ("off", False)], False))
        self._assemble([self.controls["n"].widget, self.controls["loud"].widget, self.message_html])
        self._refresh_guarded()

    def _refresh(self, changed=None):
        if self.fail:
            raise RuntimeError(f"kaput {EVIL}")
        self._text = f"n is {self._state['n']}" + ("!" if self._state["loud"] else "")
        self.renders += 1

    def static_html(self):
        return f"<p>{H.escape(self.text)}</p>"


def test_state_set_and_the_widgets_agree():
    v = Counter()
    assert v.state == {"n": 1, "loud": False} and v.text == "n is 1" and v.renders == 1
    assert v.set(n=3, loud=True) and v.text == "n is 3!" and v.renders == 2  # several controls, one refresh
    assert v.controls["n"].widget.value == 3 and v.controls["loud"].widget.value is True
    v.controls["n"].widget.value = 2  # as a student would
    assert v.state["n"] == 2 and v.text == "n is 2!"
    assert v.options("n") == [1, 2, 3]


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"n": 7}, "7 is not a choice for 'Number'; choose one of: 1, 2, 3"),
        ({"loud": "yes"}, "'Loud' is on or off (True or False), not 'yes'"),
        ({"colour": "red"}, "This Counter has no control 'colour'; its controls are: n, loud"),
    ],
)
def test_a_bad_value_is_a_message_and_changes_nothing(changes, words):
    v = Counter()
    before, renders = v.state, v.renders
    assert v.set(**changes) is False
    assert words in v.message and v.state == before and v.renders == renders
    assert H.escape(words) in v.message_html.value and 'role="status"' in v.message_html.value


def test_a_failing_refresh_is_a_message_a_log_record_and_an_error(caplog):
    v = Counter()
    v.fail = True
    with caplog.at_level(logging.ERROR, logger="helpers"):
        assert v.set(n=2) is False
    assert v.error.startswith("RuntimeError: kaput") and "Traceback" in v.last_traceback
    assert "Cannot show this choice" in v.message and "<script>" not in v.message_html.value
    record = next(r for r in caplog.records if r.name == "helpers")
    assert "Counter" in record.getMessage() and record.exc_info is not None
    v.fail = False
    assert v.set(n=3) and v.error is None and v.last_traceback is None and "Cannot show" not in v.message


def test_on_change_is_called_after_every_successful_refresh_and_cannot_break_the_view(caplog):
    v = Counter()
    seen = []
    v.on_change(lambda view: seen.append(view.state["n"]))
    v.on_change(lambda view: 1 / 0)
    with caplog.at_level(logging.ERROR, logger="helpers"):
        v.set(n=2)
        v.controls["n"].widget.value = 3
    assert seen == [2, 3] and v.error is None
    assert any("on_change callback" in r.getMessage() for r in caplog.records)
    v.fail = True
    v.set(n=1)
    assert seen == [2, 3]  # not after a failed refresh


def test_static_fallback_and_css_hooks():
    v = Counter()
    bundle = v._repr_mimebundle_()
    assert bundle["text/plain"] == "Counter\nn is 1"
    assert bundle["text/html"] == '<div class="nep-static-view nep-static-counter"><p>n is 1</p></div>'
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert {"nep-view", "nep-counter"} <= set(v.widget._dom_classes)


def test_controls_have_accessible_names_and_validate_their_starting_value():
    rng = Control("years", "range", "Years", [(y, y) for y in ("1913", "1921", "1925")], ("1913", "1925"))
    first, last = rng.ends
    assert isinstance(first, W.Dropdown) and first.description == "Years from" and last.description == "to"
    assert rng.validate(("1925", "1913")) == ("1913", "1925")  # put in order
    with pytest.raises(Invalid, match="'1930' is not a period of this chart; choose among: 1913, 1921, 1925"):
        rng.validate(("1913", "1930"))
    multi = Control("series", "multi", "Series", [("a", "a"), ("b", "b")], ("a",), tooltip="Show")
    assert [b.description for b in multi.boxes] == ["a", "b"] and all(b.tooltip for b in multi.boxes)
    assert multi.validate("b") == ("b",)
    with pytest.raises(Invalid, match="'cubic' is not a choice for 'Scale'"):
        Control("scale", "single", "Scale", [("linear", "linear"), ("log", "log")], "cubic")
    with pytest.raises(ValueError, match="Control kind 'slider' is not one of"):
        Control("x", "slider", "X", [], None)


def test_html_pieces_escape_everything_and_keep_the_description_in_the_page():
    alt = H.text_alternative(EVIL)
    assert alt.startswith('<details class="nep-textalt">') and "Text description" in alt
    assert "<script>" not in alt and H.escape(EVIL) in alt  # collapsed, but in the DOM for screen readers
    assert "<details" not in H.text_alternative("x", collapsed=False)
    box = H.message_box([EVIL, EVIL, "second"], error=EVIL)
    assert "<script>" not in box and box.count("<li>") == 2 and "Cannot show this choice" in box
    assert H.message_box() == '<div class="nep-message-box" role="status" aria-live="polite"></div>'
    fig = H.figure(b"\x89PNG", EVIL, 720, "<em>caption</em>")
    assert (
        'src="data:image/png;base64,iVBORw==' in fig and f'alt="{H.escape(EVIL)}"' in fig and "<em>caption</em>" in fig
    )


def _png(width: int, height: int) -> bytes:
    """The 24 header bytes of a PNG of this size (all that png_size reads)."""
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + width.to_bytes(4, "big") + height.to_bytes(4, "big")


def test_a_live_picture_is_an_img_with_alt_text_and_its_proportions():
    assert H.png_size(_png(1440, 900)) == (1440, 900)
    with pytest.raises(ValueError, match="not a PNG image"):
        H.png_size(b"GIF89a" + bytes(30))
    img = H.live_image(_png(1440, 900), EVIL, 720)
    assert img.startswith('<img class="nep-chart-img" src="data:image/png;base64,') and img.count("<") == 1
    assert f'alt="{H.escape(EVIL)}"' in img and "<script>" not in img
    assert 'width="720" height="450"' in img and "max-width:100%" in img


class Picture(ImageView):
    """A minimal picture view: the PNG's height is the number chosen."""

    kind = "picture"
    image_width = 200

    def __init__(self, title: str = "Coal output"):
        super().__init__()
        self.title = title
        self._add(Control("n", "single", "Height", [("one", 100), ("two", 200)], 100))
        self._assemble([self.controls["n"].widget, self.image, self.text_html])
        self._refresh_guarded()

    def _refresh(self, changed=None):
        self._show_png(_png(400, self._state["n"]))
        self._show_text(f"height {self._state['n']}")

    def static_png(self):
        return self.png


def test_an_image_view_shows_its_picture_with_alt_text_in_one_html_widget_updated_in_place():
    v = Picture()
    image = v.image
    assert isinstance(image, W.HTML) and "nep-chart" in image._dom_classes
    assert v.png == _png(400, 100) and 'height="50"' in image.value
    assert 'alt="Chart: Coal output. See the text description below."' in image.value
    assert v.set(n=200) and v.image is image and v.png == _png(400, 200) and 'height="100"' in image.value
    assert image.value.count("<img") == 1 and v.renders == 2
    assert 'alt="Chart. See the text description below."' in Picture(title="").image.value
    assert f'alt="Chart: {H.escape(EVIL)}' in Picture(title=EVIL).image.value
    static = v._repr_mimebundle_()["text/html"]  # the static form keeps the full description as its alt
    assert 'alt="height 200"' in static and "Text description" in static


def test_switch_shows_one_view_and_every_view_without_a_kernel():
    a, b = Counter(), Counter()
    b.set(n=2)
    s = widgets.switch({"first": a, "second": b})
    assert {"nep-view", "nep-switch"} <= set(s.widget._dom_classes)
    assert s.state == {"show": "first"} and s.shown is a and s.holder.children == (a.widget,)
    assert s.set(show="second") and s.shown is b and s.text == "n is 2" and s.holder.children == (b.widget,)
    assert not s.set(show="third") and "'third' is not a choice for 'Show'" in s.message
    plain = s._repr_mimebundle_()["text/plain"]
    assert plain.index("[first]") < plain.index("n is 1") < plain.index("[second]") < plain.index("n is 2")
    with pytest.raises(ValueError, match="at least two views"):
        widgets.switch({"only": a})
