"""usrussia: the shared code of the course "Personalities or Structures?".

One module per concern: ``data`` (tables and their validation), ``sources`` (excerpt cards and
citations), ``figures`` (plotly figures), ``widgets`` (ipywidgets and the plain functions behind
them), ``answers`` (saving and exporting a student's answers), ``layout`` (placing an excerpt beside
its figure or widget).
"""
__version__ = "0.1.0"
