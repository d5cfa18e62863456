"""Text helpers every stage may use: Unicode normalisation, offset-keeping
text building, and the regular-expression pieces for word boundaries."""
