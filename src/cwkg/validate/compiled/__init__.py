"""SHACL shapes compiled to SPARQL and run on pyoxigraph: the fast validation engine.

pySHACL stays the reference (``cwkg validate --engine pyshacl``), but it walks every focus
node in Python: hours at a million quads with cwkg's SPARQL constraints. Here the
constraints of ``ontology/shapes.ttl`` become SPARQL queries over the whole union graph
that return only what fails, so validation costs a few dozen queries:

- one *summary* query per node shape joins its targets with the values of every path of
  its property shapes once, groups by focus node and returns only the focus nodes with a
  count (sh:minCount, sh:maxCount, qualified counts) out of bounds or a value failing a
  value constraint; the failing values are then asked for those focus nodes alone;
- each class's subclasses are looked up once, so a class test is a plain rdf:type lookup
  rather than the rdf:type/rdfs:subClassOf* path per row;
- sh:datatype and sh:lessThan(OrEquals) are judged in Python on the literals as written,
  over every subject, and only the failures are looked up among the targets.

The results are the same records pySHACL reports (focus, value, path, source shape,
severity, message); tests/fastpaths/test_shacl_engines.py and its neighbours hold the two
engines equal on the repository's data, on every valid and invalid example in
tests/shapes/, on a synthetic corpus with faults and on data made for each shortcut.

Only the SHACL features cwkg's shapes use (and a few as simple) are compiled. Anything
else (sh:and, sh:not, sh:xone, sh:node, sh:closed, a complex path, a shape without
sh:message...) raises :class:`UnsupportedShapes`, while compiling or while running, and
:func:`cwkg.validate.shacl.run_shacl` falls back to pySHACL, saying why: an unknown feature
can make validation slower, never wrong. tests/shapes/w3c/ holds the engine to pySHACL's
answers on the W3C SHACL Core test suite.

The modules follow pySHACL's constraint families: :mod:`.targets`, :mod:`.value_type`,
:mod:`.cardinality`, :mod:`.value_range`, :mod:`.string_based`, :mod:`.property_pair`,
:mod:`.logical`, :mod:`.other`, :mod:`.sparql`; :mod:`.shapes` reads and checks the shapes,
:mod:`.values` tests value nodes, :mod:`.runner` runs it all, :mod:`.model` holds the
records.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("https://w3id.org/cwkg/claim/x-c01"),
...           ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
...           ox.NamedNode("https://w3id.org/cwkg/ontology#Claim")))
>>> results = validate(store, compile_shapes())
>>> sorted({r.shape.rsplit("#")[1] for r in results})[:3]
['ClaimAboutShape', 'ClaimAnchorShape', 'ClaimSourceShape']
"""

from .model import Program, Result, UnsupportedShapes
from .runner import validate
from .shapes import compile_shapes

__all__ = ["Program", "Result", "UnsupportedShapes", "compile_shapes", "validate"]
