"""Printable handouts: worksheets for learners and an answer key for trainers, as PDFs.

* what each edition prints is worked out without I/O: :mod:`.editions` names what can be
  printed, :mod:`.views` holds what the templates read, :mod:`.from_keys` builds it from
  the answer keys (the learner edition without the answers at all, so no template slip can
  leak them), :mod:`.wording` writes the sentences made by rule, :mod:`.lines` counts the
  ruled lines, and :mod:`.plan` picks the handouts to print and their session plans;
* :mod:`.render` fills the Jinja2 print templates (``templates/*.html.j2`` with
  ``print.css``) and writes tagged PDF/UA files with WeasyPrint;
* :mod:`.forms` names and tags the form fields of the fillable learner edition, so a
  screen reader can find and announce each one.
"""
