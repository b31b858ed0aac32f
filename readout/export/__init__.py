"""Exporters: articles to audio files."""
