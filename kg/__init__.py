"""kg: news articles in, an event-timeline knowledge graph out.

    import kg
    report = kg.build([Path("sources")], Path("out"))

`kg.pipeline.extract` gives the extractors' findings per article without building a graph.
"""

from __future__ import annotations

from kg.pipeline import BuildReport, build

__version__ = "0.1.0"
__all__ = ["BuildReport", "__version__", "build"]
