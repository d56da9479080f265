"""The children in need census: the records it is made of, how they are written to and read from
the DfE's XML, and the DfE's validation rules.

One shape serves both directions. `records` holds the census as the DfE lays it out; `writer`
streams those records to XML; `reader` streams an uploaded XML file back into the same records;
`validation` checks records whichever way they came. So our checks of the live database and of an
uploaded file are the same code, and a rule is written once.
"""
