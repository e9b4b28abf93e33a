"""The storefront cache: pages rendered once for every visitor, fragments, version tokens.

How a page, its holes and its versions fit: README.md beside this file. Modules and the rest
of the framework import from here only; the files of the package are its own.
"""

from __future__ import annotations

from flask import Flask

from webapp.framework.caching import fragments, tokens
from webapp.framework.caching.content import StorefrontContent
from webapp.framework.caching.fragments import ContentCache, cached
from webapp.framework.caching.generations import GenerationCache
from webapp.framework.caching.holes import fill_holes
from webapp.framework.caching.pages import cached_page
from webapp.framework.caching.tokens import FileVersions, RedisVersions, versions

__all__ = ["ContentCache", "FileVersions", "GenerationCache", "RedisVersions", "StorefrontContent", "cached",
           "cached_page", "fill_holes", "init_app", "versions"]


def init_app(app: Flask) -> None:
    """Version tokens (Redis or files), then the storefront cache; `fill_holes` is in the app's response pipeline."""
    tokens.init_app(app)
    fragments.init_app(app)
