"""Reusable widgets: agenda sidebar, entry list, ranking bars, plain-language hints."""
