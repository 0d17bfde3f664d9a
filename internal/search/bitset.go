package search

import "math/bits"

// bitset is a set of slots. Filters are bitsets so that combining them and
// counting facets are word-wide ANDs and popcounts: at 100,000 slots a set is
// 1,563 words.
type bitset []uint64

func (b bitset) has(i uint32) bool {
	w := int(i >> 6)
	return w < len(b) && b[w]&(1<<(i&63)) != 0
}

func (b *bitset) set(i uint32) {
	w := int(i >> 6)
	if w >= len(*b) {
		*b = append(*b, make(bitset, w+1-len(*b))...)
	}
	(*b)[w] |= 1 << (i & 63)
}

func (b bitset) unset(i uint32) {
	if w := int(i >> 6); w < len(b) {
		b[w] &^= 1 << (i & 63)
	}
}

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// and returns a ∧ c, written into dst's array.
func and(dst, a, c bitset) bitset {
	n := min(len(a), len(c))
	dst = grow(dst, n)
	for i := range dst {
		dst[i] = a[i] & c[i]
	}
	return dst
}

// andCount returns |a ∧ c|.
func andCount(a, c bitset) int {
	n := min(len(a), len(c))
	a, c = a[:n], c[:n]
	total := 0
	for i := range a {
		total += bits.OnesCount64(a[i] & c[i])
	}
	return total
}

// grow returns b resized to n words, reusing its array when large enough.
// The content is not cleared.
func grow(b bitset, n int) bitset {
	if cap(b) < n {
		return make(bitset, n)
	}
	return b[:n]
}
