"""Starter maps for ``cjmap new``: one YAML file per journey, shipped as package data.

Each file is a valid map (zero errors, zero warnings) whose comments guide the analyst; the list
of starters and their descriptions is :data:`cjmap.new.STARTERS`.
"""
