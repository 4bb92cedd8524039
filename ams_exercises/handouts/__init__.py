"""Printable handouts: worksheets for learners and an answer key for trainers, as PDFs.

* :mod:`.content` turns answer keys into what each edition prints (pure, no I/O). The
  learner edition is built without the answers at all, so no template slip can leak them;
* :mod:`.render` fills the Jinja2 print templates (``templates/*.html.j2`` with
  ``print.css``) and writes tagged PDF/UA files with WeasyPrint;
* :mod:`.forms` names and tags the form fields of the fillable learner edition, so a
  screen reader can find and announce each one.
"""
