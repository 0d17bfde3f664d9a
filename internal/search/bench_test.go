package search

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// The 100,000-company benchmarks live only in Benchmark functions, so that
// `go test ./internal/search/` stays fast. Run them with
//
//	go test ./internal/search/ -run '^$' -bench 'Search|FilterPage|Put' -benchtime 2000x
//	go test ./internal/search/ -run '^$' -bench Build -benchtime 1x
//
// The latency benchmarks report p50, p99 and max per call besides the mean.
const benchDocs = 100_000

var bench struct {
	once sync.Once
	docs []Doc
	ix   *Index
}

func benchIndex(b *testing.B) (*Index, []Doc) {
	b.Helper()
	bench.once.Do(func() {
		bench.docs = genDocs(benchDocs, 1)
		bench.ix = New()
		for _, d := range bench.docs {
			bench.ix.Put(d)
		}
	})
	return bench.ix, bench.docs
}

func heapMB() float64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// BenchmarkBuild builds a 100k index from generated documents; it reports
// the heap the index holds (documents excluded) and its vocabulary size.
func BenchmarkBuild(b *testing.B) {
	docs := genDocs(benchDocs, 1)
	var ix *Index
	for b.Loop() {
		ix = nil
		before := heapMB()
		ix = New()
		for _, d := range docs {
			ix.Put(d)
		}
		b.StopTimer()
		b.ReportMetric(heapMB()-before, "heap-MB")
		b.ReportMetric(float64(len(ix.vocab.terms)), "terms")
		b.StartTimer()
	}
	runtime.KeepAlive(ix)
}

// latency runs f over the inputs and reports mean, p50 and p99 per call.
func latency[T any](b *testing.B, in []T, f func(T)) {
	b.Helper()
	var ds []time.Duration
	i := 0
	for b.Loop() {
		t0 := time.Now()
		f(in[i%len(in)])
		ds = append(ds, time.Since(t0))
		i++
	}
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	b.ReportMetric(ms(ds[len(ds)/2]), "p50-ms")
	b.ReportMetric(ms(ds[len(ds)*99/100]), "p99-ms")
	b.ReportMetric(ms(ds[len(ds)-1]), "max-ms")
}

var benchQueries = map[string][]Query{
	"word": {
		{Q: "Medizintechnik"}, {Q: "pumpen"}, {Q: "Sensor"}, {Q: "Hochdruck"}, {Q: "laser"},
		{Q: "Mueller"}, {Q: "Müller"}, {Q: "logistics"}, {Q: "Qualität"}, {Q: "coating"},
	},
	"words+filters": {
		{Q: "pumpen Krefeld", Region: "nrw"}, {Q: "optical components", Sector: "C"},
		{Q: "Sensor Technik", Region: "nrw", Offers: "supply"}, {Q: "medical devices", Lang: "en", Size: "small"},
		{Q: "Software Beratung", Sector: "J62"}, {Q: "hydrogen battery", Seeks: "distribution"},
		{Q: "Medizin Technik", Kind: "startup"}, {Q: "Wasserpumpen", Municipality: "essen"},
	},
	"japanese": {
		{Q: "光学"}, {Q: "光"}, {Q: "マイクロ光学部品"}, {Q: "精密加工"}, {Q: "医療機器 センサー"},
		{Q: "水素", Region: "tokyo"}, {Q: "半導体 材料", Sector: "C"}, {Q: "ポンプ"},
	},
	// Short, very common infixes that expand to thousands of words.
	"common": {
		{Q: "und"}, {Q: "the"}, {Q: "ung"}, {Q: "ten"}, {Q: "の"}, {Q: "and the"}, {Q: "Technik"}, {Q: "ing"},
	},
	"deep-page": {
		{Q: "the", Page: 500}, {Q: "pumpen", Page: 100, PerPage: 100},
	},
}

func BenchmarkSearch(b *testing.B) {
	ix, _ := benchIndex(b)
	for _, name := range []string{"word", "words+filters", "japanese", "common", "deep-page"} {
		b.Run(name, func(b *testing.B) {
			latency(b, benchQueries[name], func(q Query) { ix.Search(q) })
		})
	}
}

func BenchmarkFilterPage(b *testing.B) {
	ix, _ := benchIndex(b)
	qs := []Query{
		{}, {Region: "nrw"}, {Sector: "C"}, {Region: "tokyo", Sector: "C26", Page: 3},
		{Offers: "supply", Lang: "de", Size: "small"}, {Municipality: "essen", Kind: "sme"},
		{Region: "nrw", Page: 1000}, {Seeks: "market_entry", Page: 50},
	}
	latency(b, qs, func(q Query) { ix.Search(q) })
}

// BenchmarkPut replaces documents of a full index with new versions, and
// deletes and re-adds some.
func BenchmarkPut(b *testing.B) {
	ix, docs := benchIndex(b)
	g := newGen(2)
	var in []Doc
	for i := range 1000 {
		d := g.doc(docs[(i*7919)%len(docs)].ID)
		in = append(in, d)
	}
	b.Run("replace", func(b *testing.B) {
		latency(b, in, func(d Doc) { ix.Put(d) })
	})
	b.Run("delete+put", func(b *testing.B) {
		latency(b, in, func(d Doc) { ix.Delete(d.ID); ix.Put(d) })
	})
}
