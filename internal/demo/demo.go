// Package demo ships a demonstration data set in the interchange format
// (see FORMAT.md): the seven NRW partner municipalities, the NRW.Global
// Business desk and about eighty fictional companies from NRW and Tokyo whose
// offers and seeks are designed to complement each other, so that a fresh
// portal shows sensible directory pages and match suggestions. It holds no
// judgements; match quality is evaluated on separate labelled sets.
//
// All companies and people are fictional and every e-mail address and website
// uses the reserved .example domain; only the public agencies are real.
package demo

import _ "embed"

// JSON is the demo document, ready for the interchange importer.
//
//go:embed demo.json
var JSON []byte
