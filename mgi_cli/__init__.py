"""mgi: a toolkit for Migration Governance Indicators (MGI) assessments."""

__version__ = "0.2.0"
