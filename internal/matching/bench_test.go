package matching

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"kakehashi/internal/company"
	"kakehashi/internal/gen"
)

// The scale benchmarks run on synthetic profiles from internal/gen. Run them
// on one core with
//
//	go test ./internal/matching -run '^$' -bench . -cpu 1 -benchtime 200x
//
// and the latency/memory report with
//
//	go test ./internal/matching -run TestScale -matching.scale -cpu 1 -v
var (
	benchN    = flag.Int("matching.n", 100_000, "companies in the scale benchmarks")
	scaleTest = flag.Bool("matching.scale", false, "run the 100k latency and memory test")
)

var (
	benchOnce  sync.Once
	benchCos   []company.Company
	benchIx    *Index
	benchHeap  uint64
	benchBuild time.Duration
)

func syntheticCompanies(n int) []company.Company {
	cs := gen.Companies(n, 42)
	for i := range cs {
		cs[i].ID = int64(i + 1)
	}
	return cs
}

// benchIndex builds the shared 100k index once and records its heap size.
func benchIndex(tb testing.TB) (*Index, []company.Company) {
	benchOnce.Do(func() {
		benchCos = syntheticCompanies(*benchN)
		before := heapInUse()
		start := time.Now()
		benchIx = NewIndex(benchCos, nil)
		benchBuild = time.Since(start)
		benchHeap = heapInUse() - before
	})
	return benchIx, benchCos
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func BenchmarkNewIndex(b *testing.B) {
	cs := syntheticCompanies(*benchN)
	b.ResetTimer()
	for b.Loop() {
		NewIndex(cs, nil)
	}
}

func BenchmarkPartners(b *testing.B) {
	ix, cs := benchIndex(b)
	r := rand.New(rand.NewPCG(1, 2))
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for b.Loop() {
		id := cs[r.IntN(len(cs))].ID
		t := time.Now()
		ix.Partners(id, 10, nil)
		lat = append(lat, time.Since(t))
	}
	b.ReportMetric(float64(percentile(lat, 0.99).Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(benchHeap)/(1<<20), "index-MB") // ResetTimer clears metrics, so report last
}

func BenchmarkSimilar(b *testing.B) {
	ix, cs := benchIndex(b)
	r := rand.New(rand.NewPCG(3, 4))
	b.ResetTimer()
	for b.Loop() {
		ix.Similar(cs[r.IntN(len(cs))].ID, 10, "")
	}
}

func BenchmarkUpsert(b *testing.B) {
	ix, cs := benchIndex(b)
	r := rand.New(rand.NewPCG(5, 6))
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for b.Loop() {
		c := changed(cs[r.IntN(len(cs))], r)
		t := time.Now()
		ix.Upsert(c)
		lat = append(lat, time.Since(t))
	}
	b.ReportMetric(float64(percentile(lat, 0.99).Microseconds())/1000, "p99-ms")
}

// changed returns c with an edited profile, as after an owner's update.
func changed(c company.Company, r *rand.Rand) company.Company {
	c.Keywords = append(slices.Clone(c.Keywords), fmt.Sprintf("Neuheit %d", r.IntN(1000)))
	c.Employees = 1 + r.IntN(500)
	if len(c.Offers) > 0 {
		c.Offers = slices.Clone(c.Offers)
		c.Offers[0].Text += " – erweitert / extended"
	}
	return c
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

// TestScale reports build time, index memory and query/update latency at
// 100,000 companies against the targets (p99 ≤ 5 ms, Upsert ≤ 50 ms, index ≤
// 500 MB, NewIndex ≤ 10 s). It is opt-in: go test -matching.scale.
func TestScale(t *testing.T) {
	if !*scaleTest {
		t.Skip("opt-in: -matching.scale")
	}
	ix, cs := benchIndex(t)
	t.Logf("%d companies: NewIndex %v (GOMAXPROCS %d), index heap %.0f MB",
		len(cs), benchBuild.Round(time.Millisecond), runtime.GOMAXPROCS(0), float64(benchHeap)/(1<<20))
	r := rand.New(rand.NewPCG(7, 8))
	var q, s, u []time.Duration
	for i := 0; i < 2000; i++ {
		id := cs[r.IntN(len(cs))].ID
		t0 := time.Now()
		if len(ix.Partners(id, 10, nil)) == 0 {
			t.Errorf("no partners for %d", id)
		}
		q = append(q, time.Since(t0))
		t0 = time.Now()
		ix.Similar(id, 10, "")
		s = append(s, time.Since(t0))
	}
	for i := 0; i < 300; i++ {
		c := changed(cs[r.IntN(len(cs))], r)
		t0 := time.Now()
		ix.Upsert(c)
		u = append(u, time.Since(t0))
	}
	t.Logf("Partners top-10: p50 %v p99 %v max %v", percentile(q, 0.5), percentile(q, 0.99), percentile(q, 1))
	t.Logf("Similar top-10:  p50 %v p99 %v", percentile(s, 0.5), percentile(s, 0.99))
	t.Logf("Upsert:          p50 %v p99 %v max %v", percentile(u, 0.5), percentile(u, 0.99), percentile(u, 1))
	if p := percentile(q, 0.99); p > 5*time.Millisecond {
		t.Errorf("Partners p99 %v > 5ms", p)
	}
	if p := percentile(u, 0.99); p > 50*time.Millisecond {
		t.Errorf("Upsert p99 %v > 50ms", p)
	}
	if benchHeap > 500<<20 {
		t.Errorf("index heap %d MB > 500 MB", benchHeap>>20)
	}
	if benchBuild > 10*time.Second {
		t.Errorf("NewIndex %v > 10s", benchBuild)
	}
}
