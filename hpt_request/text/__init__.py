"""Text in and text out: files and what is read from them, reports and what is written.

In (what a file holds, before the structural check):

- :mod:`~hpt_request.text.jsontext`: strict JSON and YAML, hostile input bounded;
- :mod:`~hpt_request.text.locations`: the line and column of each problem's member;
- :mod:`~hpt_request.text.files`: which files ``hpt-request validate`` reads from the paths given;
- documents that hold requests: :mod:`~hpt_request.text.documents` tells their kind and finds
  their requests (:mod:`~hpt_request.text.embedded` has what it finds), with one module per
  kind: :mod:`~hpt_request.text.pipelines`, :mod:`~hpt_request.text.statemachines`,
  :mod:`~hpt_request.text.templates` (with :mod:`~hpt_request.text.joins`, the text an
  ``Fn::Join`` writes), :mod:`~hpt_request.text.manifests` (an ACK
  ``HyperParameterTuningJob``'s ``spec`` as the wire request, and the check's locations in the
  manifest's spelling) and :mod:`~hpt_request.text.serverless` (a Serverless Framework service
  file); :mod:`~hpt_request.text.placeholders` has what the kinds' placeholders share.

Out (problems and requests, shown to people and programs):

- :mod:`~hpt_request.text.codes`: every problem code, what it means and where it is explained;
- :mod:`~hpt_request.text.formats` (text, json, github) and :mod:`~hpt_request.text.sarif`;
- :mod:`~hpt_request.text.terminal`: output that is safe on any terminal or pipe;
- :mod:`~hpt_request.text.summary` and :mod:`~hpt_request.text.display`: a request at a glance,
  as text and as a notebook's HTML;
- :mod:`~hpt_request.text.algorithms_table`: the built-in algorithm table.

Both ends share this package because they share its concerns (text, positions in it, what a
terminal or browser would do with it) and its place in the layers: above the rules, whose
catalogue the reports name, and below the check, which reads through it. It imports
:mod:`hpt_request.model`, :mod:`hpt_request.schema` and :mod:`hpt_request.rules`, never the
check itself: what it shows of a check is handed to it.
"""
