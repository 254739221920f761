"""Reports built on the catalogue's links: GCM objectives, SDG 10.7.2, cross-cutting themes,
the action plan, optional scoring, and the aggregated public summary.

Each report is a core function returning a plain, JSON-ready dict (``--format json``
prints it as it is); ``output.render_report`` lays it out as Markdown or HTML.
"""
