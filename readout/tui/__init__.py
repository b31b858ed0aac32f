"""The Textual face: the full-screen player. The only package that imports Textual."""
