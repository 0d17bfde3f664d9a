// Package search is the company directory's in-memory full-text and filter
// index. The portal builds it from the database at start-up, updates it on
// every write and from the change feed of other instances, and asks it for
// the ids of one page; the page's rows then come from the database by id. The
// index is the same whatever the database, so search behaves identically on
// SQLite and PostgreSQL.
//
// Text is tokenized with textproc: Latin words folded (Müller = Mueller),
// Japanese and other CJK text as overlapping bigrams. A query word of three or
// more characters also matches indexed words that contain it, so Pumpen finds
// Ölpumpen and Medizin finds Medizintechnik (found through a trigram index over
// the vocabulary); a single CJK character matches the bigrams that contain it.
// Hits are ranked by BM25F over the fields name > keywords > offer/seek texts >
// description (city counts like an offer text); a whole-word hit scores more
// than a prefix, a prefix more than a hit inside a word.
//
// Filters are bitsets over document slots, so combining them and counting the
// region and sector facets costs a few thousand word operations.
package search

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// Index is the search index. It is safe for concurrent use: searches share a
// read lock; Put and Delete analyze the document before taking the write
// lock, which they then hold for well under a millisecond.
type Index struct {
	mu    sync.RWMutex
	ids   map[int64]uint32 // document id → slot
	docs  []docInfo        // by slot
	lens  [][numFields]uint16
	free  []uint32 // slots of deleted documents, reused first
	live  bitset   // slots in use
	count int
	sums  [numFields]int64 // total tokens per field, for average lengths
	order []uint32         // live slots by (key, id): the listing without q

	rankMu     sync.Mutex // guards ranks, which searches fill lazily
	ranks      []uint32   // by slot: position in order
	ranksValid bool       // cleared by writers (under mu), set by searches (under rankMu)

	vocab vocab

	attrIDs   map[string]uint32
	attrNames []string
	attrBits  []bitset // by attribute id: the slots that have it
	regions   []uint32 // attribute ids of regions, for facets
	sectors   []uint32 // attribute ids of divisions, for facets

	scratch sync.Pool // *scratch
}

type docInfo struct {
	id    int64
	key   string   // folded name
	attrs []uint32 // attribute ids, ascending
	terms []uint32 // term ids, ascending
}

// New returns an empty index.
func New() *Index {
	return &Index{
		ids:     map[int64]uint32{},
		vocab:   newVocab(),
		attrIDs: map[string]uint32{},
	}
}

// Len returns the number of documents.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.count
}

// Put inserts d, or replaces the document with the same ID.
func (ix *Index) Put(d Doc) {
	a := analyze(&d)

	ix.mu.Lock()
	defer ix.mu.Unlock()
	terms := make([]tokenID, len(a.toks))
	for i, t := range a.toks {
		terms[i] = tokenID(ix.vocab.intern(t.tok))<<32 | tokenID(t.tf)
	}
	slices.Sort(terms) // by term id
	attrs := make([]uint32, len(a.attrs))
	for i, s := range a.attrs {
		attrs[i] = ix.intern(s)
	}
	slices.Sort(attrs)

	slot, ok := ix.ids[a.id]
	if ok {
		ix.replace(slot, &a, terms, attrs)
		return
	}
	slot = ix.alloc()
	ix.ids[a.id] = slot
	ix.count++
	ix.live.set(slot)
	di := &ix.docs[slot]
	*di = docInfo{id: a.id, key: a.key, attrs: attrs, terms: make([]uint32, len(terms))}
	for i, t := range terms {
		di.terms[i] = t.tid()
		ix.vocab.set(t.tid(), slot, t.tf())
	}
	for _, at := range attrs {
		ix.attrBits[at].set(slot)
	}
	ix.setLens(slot, a.lens)
	ix.insertOrder(slot)
}

// tokenID is a term id (high half) and the packed term frequencies (low
// half) of a document's term; sorting orders by term id.
type tokenID uint64

func (t tokenID) tid() uint32 { return uint32(t >> 32) }
func (t tokenID) tf() uint32  { return uint32(t) }

// replace updates the document in slot, touching only what changed.
func (ix *Index) replace(slot uint32, a *analyzed, terms []tokenID, attrs []uint32) {
	di := &ix.docs[slot]
	// Old and new term ids are both ascending: merge them.
	i := 0
	for _, tid := range di.terms {
		for i < len(terms) && terms[i].tid() < tid {
			ix.vocab.set(terms[i].tid(), slot, terms[i].tf())
			i++
		}
		if i < len(terms) && terms[i].tid() == tid {
			ix.vocab.set(tid, slot, terms[i].tf())
			i++
		} else {
			ix.vocab.remove(tid, slot)
		}
	}
	for ; i < len(terms); i++ {
		ix.vocab.set(terms[i].tid(), slot, terms[i].tf())
	}
	di.terms = di.terms[:0]
	for _, t := range terms {
		di.terms = append(di.terms, t.tid())
	}

	for _, at := range di.attrs {
		ix.attrBits[at].unset(slot)
	}
	for _, at := range attrs {
		ix.attrBits[at].set(slot)
	}
	di.attrs = attrs
	ix.setLens(slot, a.lens)
	if di.key != a.key {
		ix.removeOrder(slot)
		di.key = a.key
		ix.insertOrder(slot)
	}
}

// Delete removes the document with the given id, if present.
func (ix *Index) Delete(id int64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	slot, ok := ix.ids[id]
	if !ok {
		return
	}
	di := &ix.docs[slot]
	for _, tid := range di.terms {
		ix.vocab.remove(tid, slot)
	}
	for _, at := range di.attrs {
		ix.attrBits[at].unset(slot)
	}
	ix.setLens(slot, [numFields]uint16{})
	ix.removeOrder(slot)
	*di = docInfo{}
	ix.live.unset(slot)
	delete(ix.ids, id)
	ix.count--
	ix.free = append(ix.free, slot)
}

func (ix *Index) alloc() uint32 {
	if n := len(ix.free); n > 0 {
		slot := ix.free[n-1]
		ix.free = ix.free[:n-1]
		return slot
	}
	ix.docs = append(ix.docs, docInfo{})
	ix.lens = append(ix.lens, [numFields]uint16{})
	return uint32(len(ix.docs) - 1)
}

func (ix *Index) setLens(slot uint32, lens [numFields]uint16) {
	for f := range numFields {
		ix.sums[f] += int64(lens[f]) - int64(ix.lens[slot][f])
	}
	ix.lens[slot] = lens
}

// intern returns the id of a filter attribute, adding it if new.
func (ix *Index) intern(attr string) uint32 {
	if id, ok := ix.attrIDs[attr]; ok {
		return id
	}
	id := uint32(len(ix.attrNames))
	ix.attrIDs[attr] = id
	ix.attrNames = append(ix.attrNames, attr)
	ix.attrBits = append(ix.attrBits, nil)
	switch {
	case strings.HasPrefix(attr, attrRegion):
		ix.regions = append(ix.regions, id)
	case strings.HasPrefix(attr, attrSector):
		ix.sectors = append(ix.sectors, id)
	}
	return id
}

// orderPos returns where (key, id) is or belongs in ix.order.
func (ix *Index) orderPos(key string, id int64) int {
	return sort.Search(len(ix.order), func(i int) bool {
		d := &ix.docs[ix.order[i]]
		return d.key > key || d.key == key && d.id >= id
	})
}

func (ix *Index) insertOrder(slot uint32) {
	ix.ranksValid = false
	d := &ix.docs[slot]
	ix.order = slices.Insert(ix.order, ix.orderPos(d.key, d.id), slot)
}

func (ix *Index) removeOrder(slot uint32) {
	ix.ranksValid = false
	d := &ix.docs[slot]
	if i := ix.orderPos(d.key, d.id); i < len(ix.order) && ix.order[i] == slot {
		ix.order = slices.Delete(ix.order, i, i+1)
	}
}
