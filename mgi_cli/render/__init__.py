"""Rendering: a matrix (and optionally its diff) -> a plain Jinja context -> md / html.

``confidentiality`` decides what an output may show before anything else runs;
``context`` builds the plain context; ``profile`` renders it through the templates.
"""
