"""Layer 4 — teaching: self-check exercises, bilingual excerpts, timelines."""
