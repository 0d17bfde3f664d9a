package matching

import (
	"math"
	"slices"
)

// entry is one dimension of a sparse vector: a concept id or a token id.
type entry struct {
	id int32
	w  float32
}

// svec is a sparse vector sorted by id. Profile vectors are L2-normalised, so
// dot is their cosine similarity.
type svec []entry

func (a svec) dot(b svec) float64 {
	var s float32
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			s += a[i].w * b[j].w
			i++
			j++
		}
	}
	return float64(s)
}

// weight returns the component for id, 0 when absent.
func (a svec) weight(id int32) float32 {
	i, ok := slices.BinarySearchFunc(a, id, func(e entry, id int32) int { return int(e.id - id) })
	if !ok {
		return 0
	}
	return a[i].w
}

// newVec builds a normalised vector from weights, keeping at most limit
// dimensions (the heaviest) when limit > 0.
func newVec(m map[int32]float32, limit int) svec {
	v := make(svec, 0, len(m))
	for id, w := range m {
		if w > 0 {
			v = append(v, entry{id, w})
		}
	}
	if limit > 0 && len(v) > limit {
		slices.SortFunc(v, func(a, b entry) int {
			switch {
			case a.w > b.w:
				return -1
			case a.w < b.w:
				return 1
			}
			return int(a.id - b.id)
		})
		v = v[:limit]
	}
	slices.SortFunc(v, func(a, b entry) int { return int(a.id - b.id) })
	var n float64
	for _, e := range v {
		n += float64(e.w) * float64(e.w)
	}
	if n == 0 {
		return nil
	}
	inv := float32(1 / math.Sqrt(n))
	for i := range v {
		v[i].w *= inv
	}
	return slices.Clip(v)
}

// harmonic is the harmonic mean of two positive numbers: high only when both
// are high.
func harmonic(a, b float64) float64 {
	if a <= 0 || b <= 0 {
		return 0
	}
	return 2 * a * b / (a + b)
}
