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

// finishVec drops non-positive weights, keeps at most limit dimensions (the
// heaviest) when limit > 0, sorts by id and normalises. It reuses v.
func finishVec(v svec, limit int) svec {
	n := 0
	for _, e := range v {
		if e.w > 0 {
			v[n] = e
			n++
		}
	}
	v = v[:n]
	if limit > 0 && len(v) > limit {
		selectHeaviest(v, limit)
		v = v[:limit]
	}
	slices.SortFunc(v, func(a, b entry) int { return int(a.id - b.id) })
	var sum float64
	for _, e := range v {
		sum += float64(e.w) * float64(e.w)
	}
	if sum == 0 {
		return nil
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v {
		v[i].w *= inv
	}
	return slices.Clip(v)
}

// selectHeaviest reorders v so that its first k entries are the k heaviest
// (ties by lower id), in no particular order: a quickselect.
func selectHeaviest(v svec, k int) {
	heavier := func(a, b entry) bool { return a.w > b.w || (a.w == b.w && a.id < b.id) }
	lo, hi := 0, len(v)-1
	for lo < hi {
		p := v[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for heavier(v[i], p) {
				i++
			}
			for heavier(p, v[j]) {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
}

// harmonic is the harmonic mean of two positive numbers: high only when both
// are high.
func harmonic(a, b float64) float64 {
	if a <= 0 || b <= 0 {
		return 0
	}
	return 2 * a * b / (a + b)
}
