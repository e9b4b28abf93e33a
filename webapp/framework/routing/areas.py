"""Route areas: one blueprint per frontend file, its views spread over several files.

A module's `routes/<frontend>.py` owns the blueprint; a big frontend keeps each area's views in
`routes/<frontend>_views/<area>.py`, decorated on a `RouteArea` exactly as on a blueprint, and the
blueprint file registers the areas. Endpoints stay `<blueprint>.<view>`.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint


class RouteArea:
    def __init__(self) -> None:
        self.rules: list[tuple[str, Callable, list[str]]] = []

    def route(self, rule: str, *, methods: list[str]) -> Callable:
        def record(view: Callable) -> Callable:
            self.rules.append((rule, view, methods))
            return view

        return record

    def get(self, rule: str) -> Callable:
        return self.route(rule, methods=["GET"])

    def post(self, rule: str) -> Callable:
        return self.route(rule, methods=["POST"])


def register_areas(blueprint: Blueprint, *areas: RouteArea) -> None:
    for area in areas:
        for rule, view, methods in area.rules:
            blueprint.add_url_rule(rule, view_func=view, methods=methods)
