"""The built-in sample portfolio's hand-written data, read by ``graph.samples``.

One JSON file per account (``<slug>.json``), ``team.json`` (our team and the shared product
roadmap) and ``notes.json`` (the phrases interaction summaries are composed from). Dates are
written as days before (``ago``) or after (``due_in``) the day the sample is created, so the
sample always looks current.
"""
