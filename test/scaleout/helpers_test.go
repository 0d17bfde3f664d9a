package scaleout_test

import (
	"kakehashi/internal/cases"
	"kakehashi/internal/search"
)

func casesInput(municipality string) cases.Input { return cases.Input{Municipality: municipality} }

func searchQuery(q string) search.Query { return search.Query{Q: q, PerPage: 20} }
